# One image for the API and the worker (the command picks the process).
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# CJK font so offline creatives render Chinese text.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-wqy-microhei && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
COPY tsconfig.json ./
COPY src ./src
USER node
EXPOSE 3000
CMD ["npx", "tsx", "src/api/main.ts"]

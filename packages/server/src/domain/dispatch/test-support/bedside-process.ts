import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath, pathToFileURL } from 'node:url';

const mainModule = pathToFileURL(
  fileURLToPath(new URL('../../../cli/main.ts', import.meta.url)),
).href;
const repoRoot = fileURLToPath(new URL('../../../../../../', import.meta.url));
/** Variables of the developer's shell that would point the process elsewhere. */
const isolated = /^(DATABASE_URL|BEDSIDE_|SMTP_|PORT$|HOST$)/;

export interface BedsideProcess {
  child: ChildProcess;
  /** What it printed (stdout and stderr), for the failure message. */
  output(): string;
  /** `kill -9`: no shutdown, no cleanup, leases left as they were. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Runs the real `bedside` CLI (`worker`, `serve`) from source in a child process, so a test can
 * kill it with SIGKILL mid-publish. The environment is only what the test gives.
 */
export function startBedsideProcess(
  args: string[],
  env: Record<string, string>,
  options: { nodeArgs?: string[] } = {},
): BedsideProcess {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !isolated.test(key)),
  );
  const script = `const { main } = await import(${JSON.stringify(mainModule)}); process.exitCode = await main(${JSON.stringify(args)});`;
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', '--input-type=module', '-e', script],
    {
      cwd: repoRoot,
      env: { ...base, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on(
    'data',
    (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)),
  );
  child.stderr?.on(
    'data',
    (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)),
  );
  const exited = once(child, 'exit');
  const running = (): boolean => child.exitCode === null && child.signalCode === null;
  return {
    child,
    output: () => output,
    async kill9() {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (!running()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

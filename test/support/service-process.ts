import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../src/main.js', import.meta.url));

/** The compiled service as its own process (`node main.js`), the way production runs it. */
export class ServiceProcess {
  /** Everything the process printed so far, stdout and stderr together. */
  output = '';
  baseUrl = '';
  private readonly child: ChildProcess;

  private constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [MAIN], {
      env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
    };
    this.child.stdout?.on('data', collect);
    this.child.stderr?.on('data', collect);
  }

  static async start(env: Record<string, string>): Promise<ServiceProcess> {
    const service = new ServiceProcess(env);
    service.baseUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the service did not start:\n${service.output}`)),
        30_000,
      );
      const look = () => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(service.output);
        if (!match) return;
        clearTimeout(timer);
        service.child.stdout?.off('data', look);
        resolve(match[1]);
      };
      service.child.stdout?.on('data', look);
      service.child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the service exited with ${code}:\n${service.output}`));
      });
    });
    return service;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** Runs the service expecting it to refuse to start; returns its exit code and output. */
export async function runExpectingFailure(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const [code] = (await once(child, 'exit')) as [number | null];
  clearTimeout(timer);
  return { code, output };
}

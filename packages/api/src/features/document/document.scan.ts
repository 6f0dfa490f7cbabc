import { spawn } from 'node:child_process';

/*
 * The virus-scan hook. NHS organisations run their own scanner (ClamAV, or an ICAP gateway behind a small
 * script), so Baton runs the command named by BATON_VIRUS_SCAN_COMMAND with the file on standard input:
 * exit 0 is clean, exit 1 is infected, anything else (or no answer within the time limit) means the file could
 * not be scanned and is refused. With no command configured, files are stored and marked "not scanned".
 * (`clamdscan --fdpass -` and `clamscan --no-summary -` both follow this convention.)
 */

export type TScanResult =
  { status: 'clean' | 'not_scanned' } | { status: 'infected' | 'failed'; detail: string };

const TIME_LIMIT_MS = 60_000;

export function scanCommand(): string | undefined {
  return process.env.BATON_VIRUS_SCAN_COMMAND?.trim() || undefined;
}

export function scanFile(content: Uint8Array, command = scanCommand()): Promise<TScanResult> {
  if (!command) return Promise.resolve({ status: 'not_scanned' });
  return new Promise((resolve) => {
    const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve({ status: 'failed', detail: 'the scanner did not answer in time' });
    }, TIME_LIMIT_MS);
    child.stdout.on('data', (d: Buffer) => (output += d.toString('utf8').slice(0, 2000)));
    child.stderr.on('data', (d: Buffer) => (output += d.toString('utf8').slice(0, 2000)));
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ status: 'failed', detail: e.message });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve({ status: 'clean' });
      else if (code === 1) resolve({ status: 'infected', detail: output.trim().slice(0, 500) });
      else resolve({ status: 'failed', detail: `the scanner exited with ${code}` });
    });
    // A scanner that stops reading early is its own business; its exit code decides.
    child.stdin.on('error', () => {});
    child.stdin.end(Buffer.from(content));
  });
}

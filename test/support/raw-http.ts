import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';

/** Writes a request by hand (header lines that fetch would merge or refuse) and returns the status. */
export function rawRequest(baseUrl: string, lines: string[]): Promise<number> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(lines.join('\r\n')));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
    socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0)));
    socket.on('error', reject);
  });
}

/**
 * A POST whose body arrives in parts: `started` resolves once the first part has had time to reach
 * the server, `finish` sends the rest, and `outcome` is `status <code>` or `closed`.
 */
export function slowPost(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  firstPart: string,
) {
  const url = new URL(baseUrl + path);
  const req = httpRequest({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'POST',
    headers,
  });
  const outcome = new Promise<string>((resolve) => {
    req.on('response', (response) => {
      response.resume();
      resolve(`status ${response.statusCode}`);
    });
    req.on('error', () => resolve('closed'));
  });
  req.write(firstPart);
  return {
    outcome,
    started: new Promise((resolve) => setTimeout(resolve, 300)),
    finish: (rest: string) => {
      req.end(rest);
      return outcome;
    },
  };
}

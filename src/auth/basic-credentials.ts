export interface BasicCredentials {
  username: string;
  password: string;
}

export type AuthorizationHeader =
  | { scheme: 'none' }
  | { scheme: 'basic'; credentials: BasicCredentials }
  | { scheme: 'other'; name: string; credentials: string }
  | { scheme: 'malformed' };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads an Authorization header. The scheme name is matched exactly but ignoring case, and the
 * password is everything after the first colon of the decoded pair, so that an empty user name
 * (`curl -u :<pat>`) and passwords containing colons both work.
 */
export function parseAuthorizationHeader(
  header: string | string[] | undefined,
): AuthorizationHeader {
  if (header === undefined) return { scheme: 'none' };
  if (Array.isArray(header)) return { scheme: 'malformed' };

  const match = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*)(?: +(\S*))? *$/.exec(header);
  if (!match) return { scheme: 'malformed' };
  const [, name, value = ''] = match;
  if (name.toLowerCase() !== 'basic') return { scheme: 'other', name, credentials: value };

  const credentials = decodeBasic(value);
  return credentials ? { scheme: 'basic', credentials } : { scheme: 'malformed' };
}

function decodeBasic(value: string): BasicCredentials | undefined {
  if (!BASE64.test(value)) return undefined;
  // Padding is optional, but when present the value must be whole quads.
  if (value.includes('=') ? value.length % 4 !== 0 : value.length % 4 === 1) return undefined;
  const padded = value.padEnd(Math.ceil(value.length / 4) * 4, '=');

  let text: string;
  try {
    text = decoder.decode(Buffer.from(padded, 'base64'));
  } catch {
    return undefined;
  }
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

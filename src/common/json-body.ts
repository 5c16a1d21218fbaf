/** Shared rules for JSON bodies: the API's and the webhook receiver's. */

const JSON_MEDIA_TYPE = /^application\/json$/;
const JSON_FAMILY_MEDIA_TYPE = /^application\/(?:[a-z0-9.-]+\+)?json$/;
const UTF8_CHARSETS = new Set(['utf-8', 'utf8', '"utf-8"']);
// ignoreBOM keeps a byte order mark in the text, so that a stored body is exactly what was sent.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * `application/json` (with `family`, also `application/<x>+json`), with no charset or UTF-8: JSON
 * is UTF-8 text, and a body announced in another charset would be read wrongly.
 */
export function isJsonContentType(header: string | undefined, family = false): boolean {
  const [mediaType = '', ...parameters] = (header ?? '')
    .split(';')
    .map((part) => part.trim().toLowerCase());
  const charsets = parameters.filter((parameter) => parameter.startsWith('charset='));
  const charset = charsets[0]?.slice('charset='.length);
  const type = family ? JSON_FAMILY_MEDIA_TYPE : JSON_MEDIA_TYPE;
  const utf8 = charsets.length === 0 || (charsets.length === 1 && UTF8_CHARSETS.has(charset ?? ''));
  return type.test(mediaType) && utf8;
}

/** The bytes as text, or null when they are not valid UTF-8. */
export function decodeUtf8(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/** Whether arrays and objects nest deeper than `max` anywhere in the text (strings are skipped). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i += 1;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === '{' || char === '[') {
      depth += 1;
      if (depth > max) return true;
    } else if (char === '}' || char === ']') {
      depth -= 1;
    }
  }
  return false;
}

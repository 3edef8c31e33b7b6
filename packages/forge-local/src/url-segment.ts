/**
 * A path's percent-encoding decoded, or undefined when it is not valid (`%E0%A4%A`): a stand-in answers that with a
 * 4xx that says so, as the real service would, never a 500 from the URIError.
 */
export function decodedPath(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

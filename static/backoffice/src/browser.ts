/** Copies text to the clipboard, with a fallback for frames where the Clipboard API is not allowed. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'koji-offscreen';
    document.body.appendChild(area);
    area.select();
    // The legacy API is the only one left when the frame may not use the clipboard.
    const copied = document.execCommand('copy');
    area.remove();
    return copied;
  }
}

/** Makes the browser save `base64` as a file called `fileName` (a Blob behind an `a[download]`). */
export function downloadBase64(fileName: string, base64: string, type: string): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  downloadBlob(fileName, new Blob([bytes], { type }));
}

/** Saves a Blob as a file called `fileName`, from the page itself (an `a[download]`): nothing is sent anywhere. */
export function downloadBlob(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.className = 'koji-offscreen';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Some browsers read the Blob after click() returns: keep it a while.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

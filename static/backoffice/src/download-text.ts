import { downloadBlob } from './browser';

/** Saves `text` as a file called `fileName`, from the page itself: nothing is sent anywhere. */
export function downloadText(fileName: string, text: string, type: string): void {
  downloadBlob(fileName, new Blob([text], { type }));
}

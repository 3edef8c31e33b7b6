import { applySettingsChange, checkSettingsChange, DEFAULT_SETTINGS } from '../../src/domain/settings';
import { extensionOf, isAllowedType, refusalOf } from '../../src/domain/files';
import { InvalidSettingsError } from '../../src/domain/errors';

describe('which files a project relays', () => {
  it('should relay pictures, PDF, text and office documents up to 20 MB by default', () => {
    expect(DEFAULT_SETTINGS.maxFileMegabytes).toBe(20);
    for (const [name, type] of [['a.png', 'image/png'], ['b.pdf', 'application/pdf'], ['c.docx', ''], ['d.log', 'text/plain']] as const) {
      expect(refusalOf({ name, mimeType: type, size: 1000 }, DEFAULT_SETTINGS)).toBeUndefined();
    }
    expect(refusalOf({ name: 'big.pdf', size: 21 * 1024 * 1024 }, DEFAULT_SETTINGS)).toEqual({ kind: 'too-big', maxMegabytes: 20 });
  });

  it('should refuse archives, programs, and script-carrying types even under an allowed family', () => {
    for (const [name, type] of [['a.zip', 'application/zip'], ['setup.exe', 'image/png'], ['x.svg', 'image/svg+xml'], ['page.html', 'text/html']] as const) {
      expect(refusalOf({ name, mimeType: type }, DEFAULT_SETTINGS)).toEqual({ kind: 'type-not-allowed' });
    }
  });

  it('should let an admin allow a risky extension by naming it, or anything with */*', () => {
    expect(isAllowedType({ name: 'diagram.svg', mimeType: 'image/svg+xml' }, ['.svg'])).toBe(true);
    expect(isAllowedType({ name: 'a.zip', mimeType: 'application/zip' }, ['*/*'])).toBe(true);
    expect(isAllowedType({ name: 'a.zip' }, [])).toBe(false);
  });

  it('should read an extension only where a name has one', () => {
    expect(extensionOf('Report.Final.PDF')).toBe('.pdf');
    expect(extensionOf('.bashrc')).toBe('');
    expect(extensionOf('name.')).toBe('');
    expect(extensionOf('x.‮fdp')).toBe('');
  });
});

describe('an admin’s file limits', () => {
  it('should keep the allowed types trimmed, in lower case, each once', () => {
    const next = applySettingsChange(DEFAULT_SETTINGS, { maxFileMegabytes: 5, allowedFileTypes: [' .PDF', '.pdf', 'Image/*'] });
    expect(next).toMatchObject({ maxFileMegabytes: 5, allowedFileTypes: ['.pdf', 'image/*'] });
  });

  it.each([0, 51, 2.5, '10'])('should refuse %p megabytes, before anything is read', (size) => {
    expect(() => checkSettingsChange({ maxFileMegabytes: size as number })).toThrow(InvalidSettingsError);
  });

  it('should refuse a type that is neither an extension nor a MIME type, naming it', () => {
    expect(() => checkSettingsChange({ allowedFileTypes: ['pdf', '<script>'] })).toThrow(/not “pdf”, “<script>”/);
    expect(() => checkSettingsChange({ allowedFileTypes: 'pdf' as unknown as string[] })).toThrow(InvalidSettingsError);
  });
});

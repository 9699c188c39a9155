// Recognises common media formats by their first bytes, so a mislabelled download is caught before upload.

/** Leading-byte signatures per MIME type; `null` positions match any byte. */
const SIGNATURES: Record<string, { offset: number; bytes: (number | null)[] }[]> = {
  'image/jpeg': [{ offset: 0, bytes: [0xff, 0xd8, 0xff] }],
  'image/png': [{ offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }],
  'image/gif': [{ offset: 0, bytes: [0x47, 0x49, 0x46, 0x38] }],
  'image/webp': [
    { offset: 0, bytes: [0x52, 0x49, 0x46, 0x46] },
    { offset: 8, bytes: [0x57, 0x45, 0x42, 0x50] },
  ],
  'video/mp4': [{ offset: 4, bytes: [0x66, 0x74, 0x79, 0x70] }],
  'video/quicktime': [{ offset: 4, bytes: [0x66, 0x74, 0x79, 0x70] }],
};

/** File extension per MIME type, for upload file names. */
export const EXTENSION_BY_TYPE: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
};

/**
 * True when `bytes` start like a `contentType` file. Types without a known signature pass
 * (the declared Content-Type is all we have for them).
 */
export function matchesSignature(contentType: string, bytes: Buffer): boolean {
  const signature = SIGNATURES[contentType];
  if (!signature) return true;
  return signature.every(({ offset, bytes: expected }) =>
    expected.every((byte, index) => byte === null || bytes[offset + index] === byte),
  );
}

/**
 * The MIME type `bytes` start like, among `candidates` (in their order), or undefined: what the file is,
 * whatever it was labelled. MP4 and QuickTime share a signature; the first candidate wins.
 * @example sniffMediaType(pngBytes, ['image/jpeg', 'image/png']) // 'image/png'
 */
export function sniffMediaType(bytes: Buffer, candidates: readonly string[]): string | undefined {
  return candidates.find((type) => SIGNATURES[type] !== undefined && matchesSignature(type, bytes));
}

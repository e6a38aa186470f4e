/**
 * The Content-Type an uploaded file is served with: chosen from its extension among known
 * document and image types, never the uploader's claim (a file uploaded as text/html or
 * image/svg+xml would run script in the viewer's session). Everything else is
 * application/octet-stream; downloads also carry `Content-Disposition: attachment` and nosniff.
 */
import path from 'node:path';

const SAFE_TYPES: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.ppt': 'application/vnd.ms-powerpoint',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  '.ofd': 'application/ofd',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.bmp': 'image/bmp',
  '.webp': 'image/webp',
  '.zip': 'application/zip',
  '.rar': 'application/vnd.rar',
  '.7z': 'application/x-7z-compressed',
  '.mp4': 'video/mp4',
  '.mp3': 'audio/mpeg',
};

export function safeContentType(fileName: string): string {
  return SAFE_TYPES[path.extname(fileName).toLowerCase()] ?? 'application/octet-stream';
}

import type { FastifyRequest } from 'fastify';
import type { Config } from '../config.ts';

/**
 * The base address to print in QR codes and links meant for phones: PUBLIC_URL when configured,
 * otherwise what the browser used to reach us (Host header). `loopback` tells a page to warn that
 * a phone cannot reach 127.0.0.1/localhost.
 */
export function publicBase(config: Config, req: FastifyRequest): { base: string; loopback: boolean } {
  const base = config.publicUrl ?? `${req.protocol}://${req.headers.host ?? `${config.host}:${config.port}`}`;
  let host = '';
  try {
    host = new URL(base).hostname;
  } catch {
    /* malformed Host header: treat as loopback so the page warns */
  }
  const loopback = !host || host === 'localhost' || host.startsWith('127.') || host === '[::1]' || host === '::1';
  return { base, loopback };
}

/** An absolute URL for a path such as `/vote?t=…` (the path must start with `/`). */
export function publicLink(config: Config, req: FastifyRequest, pathAndQuery: string): string {
  return publicBase(config, req).base + pathAndQuery;
}

// A listen-address option's parts (main thread): metrics.listen and dashboard.listen are host:port, validated by the
// listen-address format; the servers split them to bind and say where they bound, and the dashboard asks whether
// only this machine can reach it.

import { isIP, type AddressInfo } from 'node:net';

/** host and port of a validated listen-address ("[::1]:9465" → "::1", 9465). */
export function splitListen(listen: string): { readonly host: string; readonly port: number } {
  const colon = listen.lastIndexOf(':');
  return { host: listen.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port: Number(listen.slice(colon + 1)) };
}

/** A bound server's address as host:port, IPv6 in brackets (port 0 resolved to the port taken). */
export function boundAddress(bound: AddressInfo): string {
  return `${bound.family === 'IPv6' ? `[${bound.address}]` : bound.address}:${bound.port}`;
}

/** 127.0.0.0/8, ::1 and localhost: only this machine (and an SSH tunnel into it) can reach them. */
export function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

// Connection ids in the shape Bybit uses (venue thread): opaque, unique per socket.

let nextConnection = 0;

export function newConnId(): string {
  nextConnection++;
  return `sim${nextConnection.toString(36).padStart(6, '0')}-${Date.now().toString(36)}`;
}

import net from 'node:net';

let patched = false;

/**
 * The PDS and PLC call `listen(port)` with no host, which binds every interface. Insert
 * `127.0.0.1` so tests never open a port to the network (NETWORKS.md §1). Idempotent.
 */
export function listenOnLoopbackOnly(): void {
  if (patched) return;
  patched = true;
  const original = net.Server.prototype.listen;
  net.Server.prototype.listen = function loopbackListen(this: net.Server, ...args: unknown[]) {
    const [port, next] = args;
    if (typeof port === 'number' && (args.length === 1 || typeof next === 'function'))
      args.splice(1, 0, '127.0.0.1');
    return (original as (...rest: unknown[]) => net.Server).apply(this, args);
  } as typeof original;
}

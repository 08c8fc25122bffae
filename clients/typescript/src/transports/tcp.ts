import * as net from 'node:net';
import * as tls from 'node:tls';

import { DEFAULT_MAX_FRAME_SIZE, encodeFrame, FrameDecoder } from '../framing.js';
import type { Transport, TransportHandlers, TransportOptions } from '../transport.js';

/** How long a wait for buffered bytes to go out lasts at most before they are counted again. */
const PROGRESS_CHECK_MS = 10;

/** Opens a TCP connection (`tcp://host:port`), or TLS over TCP (`tls://` or `tcps://`), with length framing. */
export function openTcp(url: URL, handlers: TransportHandlers, options: TransportOptions): Promise<Transport> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost';
  const port = url.port ? Number(url.port) : 8888;
  const secure = url.protocol === 'tls:' || url.protocol === 'tcps:';
  return new Promise((resolve, reject) => {
    const socket: net.Socket = secure
      ? tls.connect({ servername: net.isIP(host) ? undefined : host, ...(options.tls ?? {}), host, port })
      : net.connect({ host, port });
    socket.setNoDelay(true);
    const decoder = new FrameDecoder(options.maxFrameSize ?? DEFAULT_MAX_FRAME_SIZE);
    let opened = false;
    let failure: Error | undefined;
    const transport: Transport = {
      kind: 'tcp',
      send(text: string) {
        socket.write(encodeFrame(text));
      },
      bufferedAmount() {
        return socket.writableLength;
      },
      progress() {
        return new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            socket.off('drain', done);
            socket.off('close', done);
            resolve();
          };
          // 'drain' comes only once the buffer is empty: a smaller bound is checked again soon anyway
          const timer = setTimeout(done, PROGRESS_CHECK_MS);
          socket.once('drain', done);
          socket.once('close', done);
        });
      },
      close() {
        socket.end();
        // a peer that does not close its side in time is dropped
        setTimeout(() => socket.destroy(), 2000).unref();
      },
      destroy() {
        socket.destroy();
      },
    };
    socket.once(secure ? 'secureConnect' : 'connect', () => {
      opened = true;
      resolve(transport);
    });
    socket.on('data', (chunk: Buffer) => {
      let frames: Buffer[];
      try {
        frames = decoder.push(chunk);
      } catch (error) {
        failure = error as Error;
        socket.destroy();
        return;
      }
      for (const frame of frames) {
        if (socket.destroyed) {
          return;
        }
        handlers.onMessage(frame.toString('utf8'));
      }
    });
    socket.on('error', (error) => {
      failure = failure ?? error;
      if (!opened) {
        reject(error);
      }
    });
    socket.on('close', () => {
      if (opened) {
        handlers.onClose(failure);
      } else {
        reject(failure ?? new Error(`connection to ${host}:${port} closed`));
      }
    });
  });
}

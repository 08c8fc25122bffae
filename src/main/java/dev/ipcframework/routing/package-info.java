/**
 * The path of a message: {@link dev.ipcframework.routing.IpcRouter} (the one entry point of both transports),
 * channels, subscriptions, fan-out, and {@link dev.ipcframework.routing.IpcTemplate} for pushing from the
 * application.
 */
@NullMarked
package dev.ipcframework.routing;

import org.jspecify.annotations.NullMarked;

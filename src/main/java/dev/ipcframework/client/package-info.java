/**
 * A Java client of an IPC Framework server over TCP or WebSocket: {@link dev.ipcframework.client.IpcClient},
 * made from {@link dev.ipcframework.client.Options}. Usable without Spring.
 */
@NullMarked
package dev.ipcframework.client;

import org.jspecify.annotations.NullMarked;

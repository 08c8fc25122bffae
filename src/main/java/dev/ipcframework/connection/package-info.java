/**
 * Connections as the router and handlers see them ({@link dev.ipcframework.connection.IpcConnection}),
 * the registry of open connections and the bounded, ordered send buffer each one writes through.
 */
@NullMarked
package dev.ipcframework.connection;

import org.jspecify.annotations.NullMarked;

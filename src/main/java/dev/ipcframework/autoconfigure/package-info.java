/**
 * The Spring Boot auto-configuration of the server, the client bean and the dashboard, and their settings
 * ({@link dev.ipcframework.autoconfigure.IpcProperties} under {@code ipc.*},
 * {@link dev.ipcframework.autoconfigure.IpcClientProperties} under {@code ipc.client.*}).
 */
@NullMarked
package dev.ipcframework.autoconfigure;

import org.jspecify.annotations.NullMarked;

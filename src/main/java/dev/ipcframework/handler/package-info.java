/**
 * {@link dev.ipcframework.handler.IpcHandler @IpcHandler} methods: discovery, registry, argument binding
 * through spring-messaging, invocation and error mapping.
 */
@NullMarked
package dev.ipcframework.handler;

import org.jspecify.annotations.NullMarked;

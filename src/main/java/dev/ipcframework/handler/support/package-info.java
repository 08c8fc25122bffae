/**
 * Argument resolution and payload conversion for {@code @IpcHandler} methods.
 */
@NullMarked
package dev.ipcframework.handler.support;

import org.jspecify.annotations.NullMarked;

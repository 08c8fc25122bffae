/**
 * The WebSocket transport on spring-websocket: one WebSocket message (text or binary) per frame.
 */
@NullMarked
package dev.ipcframework.transport.websocket;

import org.jspecify.annotations.NullMarked;

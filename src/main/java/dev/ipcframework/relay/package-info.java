/**
 * Requests relayed to clients that serve a channel, with their timeouts and pending-request limits.
 */
@NullMarked
package dev.ipcframework.relay;

import org.jspecify.annotations.NullMarked;

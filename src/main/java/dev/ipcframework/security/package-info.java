/**
 * Authentication at the handshake and channel permissions: authenticators turn the connect request's credentials
 * into an {@link dev.ipcframework.security.IpcPrincipal}, and a {@link dev.ipcframework.security.ChannelAuthorizer}
 * is asked before a connection subscribes, publishes, notifies, requests or serves.
 */
@NullMarked
package dev.ipcframework.security;

import org.jspecify.annotations.NullMarked;

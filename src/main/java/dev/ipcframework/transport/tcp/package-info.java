/**
 * The TCP transport on spring-integration-ip: 4-byte length-prefixed frames in, batched writes out.
 */
@NullMarked
package dev.ipcframework.transport.tcp;

import org.jspecify.annotations.NullMarked;

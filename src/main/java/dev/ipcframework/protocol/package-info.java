/**
 * The wire protocol: the envelope, message types, error codes and the JSON codec shared by server and client.
 */
@NullMarked
package dev.ipcframework.protocol;

import org.jspecify.annotations.NullMarked;

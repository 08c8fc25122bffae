package dev.ipcframework.transport.tcp;

import java.util.List;

/**
 * Frame bodies to write to one TCP connection in one go, in order; {@link FrameBatchSerializer} adds the headers.
 */
record FrameBatch(List<byte[]> frames) {
}

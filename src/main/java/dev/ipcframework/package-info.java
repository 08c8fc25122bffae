/**
 * The stand-alone IPC Framework service: {@link dev.ipcframework.IpcFrameworkApplication}. Everything else is
 * the library, in the packages below.
 */
@NullMarked
package dev.ipcframework;

import org.jspecify.annotations.NullMarked;

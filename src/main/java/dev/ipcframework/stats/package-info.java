/**
 * Counters of connections, messages and errors, read by Actuator and the meters.
 */
@NullMarked
package dev.ipcframework.stats;

import org.jspecify.annotations.NullMarked;

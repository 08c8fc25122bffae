/**
 * Actuator and Micrometer: the {@code ipc} endpoint, the {@code ipc} health indicator and the meters.
 */
@NullMarked
package dev.ipcframework.actuate;

import org.jspecify.annotations.NullMarked;

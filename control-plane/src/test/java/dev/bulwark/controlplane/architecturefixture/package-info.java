/**
 * A deliberately broken package structure, so {@code ArchitectureTest} can show that each of its
 * rules fails when broken: every floor (secret, kernel, sql, web) imports one above it,
 * {@code alpha} and {@code beta} import each other, and {@code alpha} uses {@code beta}'s controller.
 */
package dev.bulwark.controlplane.architecturefixture;

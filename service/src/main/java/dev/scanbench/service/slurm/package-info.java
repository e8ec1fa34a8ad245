/**
 * The fleet engine of the service's queue: each submission an {@code sbatch} job on a Slurm cluster whose nodes
 * share the service's state folder, followed with {@code squeue} and {@code scontrol}, cancelled with
 * {@code scancel}.
 */
package dev.scanbench.service.slurm;

/**
 * Sealing what crosses from a sandbox's reach back to the workbench: a machine-local secret key (a file the
 * sandbox never sees) and a store whose entries carry an HMAC-SHA256 under it, so an entry that anyone without
 * the key wrote or changed is never served (the compile caches keep their artifacts here). A plain hash in the
 * entry would not do: whoever can rewrite an entry can rewrite its hash too.
 */
package dev.scanbench.sandbox.seal;

/**
 * The files an emergency network reset touches on an XCP-ng host, as xen-api's own tools name them
 * (python3/bin/xe-reset-networking; ocaml/xapi/xapi_globs.ml network_reset_trigger; ocaml/xapi-consts/constants.ml
 * pool_config_file; ocaml/networkd/lib/network_config.ml read_management_conf and config_file_path). Absolute paths
 * on the host; a writer puts them under a root directory (/ on a real host, a state directory for the simulated one).
 */
export const RESET_PATHS = {
  /** Read by xcp-networkd at start-up when it has no networkd.db (the installer's first-boot data). */
  managementConf: '/etc/firstboot.d/data/management.conf',
  /** The trigger xapi's check_network_reset reads at start-up, applies, then deletes. */
  networkReset: '/var/tmp/network-reset',
  /** MANAGEMENT_INTERFACE, MANAGEMENT_ADDRESS_TYPE, CURRENT_INTERFACES (ocaml/libs/xapi-inventory). */
  inventory: '/etc/xensource-inventory',
  /** "master" or "slave:<master address>". */
  poolConf: '/etc/xensource/pool.conf',
  /** xcp-networkd's saved configuration; xe-reset-networking deletes it so networkd starts from management.conf. */
  networkdDb: '/var/lib/xcp/networkd.db',
  /** Only read for its existence: with it, the inventory names the bridge by convention; without it, networkd does. */
  renameScript: '/etc/sysconfig/network-scripts/interface-rename.py',
} as const;

/** The suffix of the copy of each previous file kept beside it, so a reset can be undone. */
export const PREVIOUS_SUFFIX = '.hostconsole-prev';

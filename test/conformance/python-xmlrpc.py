"""Python's standard xmlrpc.client against the simulator's unix socket (run by python-xmlrpc.test.ts)."""
import http.client
import json
import socket
import sys
import xmlrpc.client


class UnixConnection(http.client.HTTPConnection):
    def __init__(self, path):
        super().__init__("localhost")
        self.socket_path = path

    def connect(self):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(self.socket_path)
        self.sock = sock


class UnixTransport(xmlrpc.client.Transport):
    def __init__(self, path):
        super().__init__()
        self.socket_path = path

    def make_connection(self, host):
        return UnixConnection(self.socket_path)


def main(path):
    xapi = xmlrpc.client.ServerProxy("http://localhost/", transport=UnixTransport(path), allow_none=True)
    login = xapi.session.login_with_password("root", "any password works locally", "1.1", "python-conformance")
    session = login["Value"]
    pifs = xapi.PIF.get_all_records(session)["Value"]
    eth1 = next(ref for ref, pif in pifs.items() if pif["device"] == "eth1")
    good = xapi.PIF.reconfigure_ipv6(session, eth1, "Static", "2001:db8:1::7/64", "2001:db8:1::1", "2001:db8:1::53")
    bad = xapi.PIF.reconfigure_ipv6(session, eth1, "Static", "2001:db8:1::8", "", "")
    record = xapi.PIF.get_record(session, eth1)["Value"]
    # Issue 16's calls: VMs, the evacuation check, the SSH timeout (an int64: a string in XML-RPC, as XenAPI.py sends).
    vms = xapi.VM.get_all_records(session)["Value"]
    host = xapi.host.get_all(session)["Value"][0]
    evacuate = xapi.host.assert_can_evacuate(session, host)
    timeout = xapi.host.set_ssh_enabled_timeout(session, host, "1800")
    ssh_timeout = xapi.host.get_ssh_enabled_timeout(session, host)["Value"]
    xapi.session.logout(session)
    print(json.dumps({
        "login": login["Status"],
        "good": good,
        "bad": bad,
        "IPv6": record["IPv6"],
        "gateway": record["ipv6_gateway"],
        "DNS": record["DNS"],
        "MTU": record["MTU"],
        "management": record["management"],
        "guest_vms": sorted(vm["name_label"] for vm in vms.values() if not vm["is_control_domain"]),
        "evacuate": [evacuate["Status"], evacuate["ErrorDescription"][0]],
        "timeout": timeout["Status"],
        "ssh_enabled_timeout": ssh_timeout,
    }))


if __name__ == "__main__":
    main(sys.argv[1])

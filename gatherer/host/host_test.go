package host

import (
	"encoding/json"
	"net"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/dmaprep/dmaprep/facts"
)

func ptr[T any](v T) *T { return &v }

// macPattern is the schema's pattern for network_interface.mac.
var macPattern = regexp.MustCompile(`^[0-9A-F]{2}(-[0-9A-F]{2}){5}$`)

func TestFormatMAC(t *testing.T) {
	tests := []struct {
		name string
		hw   net.HardwareAddr
		want *string
	}{
		{"ethernet", net.HardwareAddr{0xb0, 0x83, 0xfe, 0xb3, 0xf8, 0x0b}, ptr("B0-83-FE-B3-F8-0B")},
		{"leading zeros", net.HardwareAddr{0, 1, 2, 3, 4, 5}, ptr("00-01-02-03-04-05")},
		{"none", nil, nil},
		{"EUI-64", net.HardwareAddr{0, 1, 2, 3, 4, 5, 6, 7}, nil},
		{"InfiniBand", make(net.HardwareAddr, 20), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := formatMAC(tt.hw)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("formatMAC (-want +got):\n%s", diff)
			}
			if got != nil && !macPattern.MatchString(*got) {
				t.Errorf("%q does not match the schema pattern", *got)
			}
		})
	}
}

func TestToInterface(t *testing.T) {
	cidr := func(s string) *net.IPNet {
		ip, n, err := net.ParseCIDR(s)
		if err != nil {
			t.Fatal(err)
		}
		n.IP = ip
		return n
	}
	v4in16 := &net.IPNet{IP: net.ParseIP("192.168.1.10"), Mask: net.CIDRMask(120, 128)}
	tests := []struct {
		name  string
		ifc   net.Interface
		addrs []net.Addr
		dhcp  *bool
		want  facts.NetworkInterface
	}{
		{
			name: "two families",
			ifc:  net.Interface{Name: "Ethernet 1", HardwareAddr: net.HardwareAddr{0xe8, 0xee, 0x7a, 0xca, 0x97, 0xb0}},
			addrs: []net.Addr{
				cidr("10.11.5.52/24"),
				cidr("fe80::1ff:fe23:4567:890a/64"),
				cidr("2001:db8::52/48"),
			},
			dhcp: ptr(false),
			want: facts.NetworkInterface{
				Name: "Ethernet 1",
				MAC:  ptr("E8-EE-7A-CA-97-B0"),
				Addresses: []facts.InterfaceAddress{
					{IP: "10.11.5.52", PrefixLength: ptr(24)},
					{IP: "fe80::1ff:fe23:4567:890a", PrefixLength: ptr(64)},
					{IP: "2001:db8::52", PrefixLength: ptr(48)},
				},
				DHCP: ptr(false),
			},
		},
		{
			name:  "host route, IPv4 with a 16-byte mask, address without mask",
			ifc:   net.Interface{Name: "tun0"},
			addrs: []net.Addr{cidr("10.8.0.1/32"), v4in16, &net.IPAddr{IP: net.ParseIP("10.8.0.2")}},
			want: facts.NetworkInterface{
				Name: "tun0",
				Addresses: []facts.InterfaceAddress{
					{IP: "10.8.0.1", PrefixLength: ptr(32)},
					{IP: "192.168.1.10", PrefixLength: ptr(24)},
					{IP: "10.8.0.2"},
				},
			},
		},
		{
			name: "no addresses",
			ifc:  net.Interface{Name: "eth9"},
			want: facts.NetworkInterface{Name: "eth9", Addresses: []facts.InterfaceAddress{}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := toInterface(tt.ifc, tt.addrs, tt.dhcp)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("toInterface (-want +got):\n%s", diff)
			}
		})
	}
}

// TestInterfaces reads the real interfaces of the machine the test runs on: in a container
// that may be none at all, which is fine; what is returned must be well formed.
func TestInterfaces(t *testing.T) {
	got, err := Interfaces()
	if err != nil {
		t.Fatalf("Interfaces: %v", err)
	}
	if got == nil {
		t.Fatal("Interfaces returned nil, want a (possibly empty) list")
	}
	for _, ni := range got {
		ifc, err := net.InterfaceByName(ni.Name)
		if err != nil {
			t.Errorf("%s: %v", ni.Name, err)
			continue
		}
		if ifc.Flags&net.FlagLoopback != 0 {
			t.Errorf("%s is a loopback interface", ni.Name)
		}
		if ifc.Flags&net.FlagUp == 0 {
			t.Errorf("%s is down", ni.Name)
		}
		if ni.MAC != nil && !macPattern.MatchString(*ni.MAC) {
			t.Errorf("%s: MAC %q does not match the schema pattern", ni.Name, *ni.MAC)
		}
		for _, a := range ni.Addresses {
			ip := net.ParseIP(a.IP)
			if ip == nil {
				t.Errorf("%s: %q is not an IP address", ni.Name, a.IP)
				continue
			}
			max := 128
			if ip.To4() != nil {
				max = 32
			}
			if a.PrefixLength != nil && (*a.PrefixLength < 0 || *a.PrefixLength > max) {
				t.Errorf("%s: %s/%d: prefix length out of range", ni.Name, a.IP, *a.PrefixLength)
			}
			if ip.IsLoopback() {
				t.Errorf("%s: loopback address %s", ni.Name, a.IP)
			}
		}
	}
	if _, err := json.Marshal(got); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d interfaces", len(got))
}

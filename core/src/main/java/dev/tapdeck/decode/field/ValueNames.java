package dev.tapdeck.decode.field;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Wireshark's names of field values (its {@code value_string} tables), for the declarations
 * that share them: {@code ip.proto} and every IPv6 next-header field name protocols the same
 * way. Taken from {@code tshark -G values} (TShark 4.0.17); {@link #ICMP_TYPES} and
 * {@link #ICMP_CODES}, which Wireshark formats in code rather than in a table, from its ICMP
 * dissector. Each table is a text block of lines {@code value name}, the value decimal or
 * {@code 0x} hex.
 */
final class ValueNames {
    private ValueNames() {
    }

    private static Map<Long, String> parse(String lines) {
        Map<Long, String> names = new LinkedHashMap<>();
        lines.lines().forEach(line -> {
            int space = line.indexOf(' ');
            String value = line.substring(0, space);
            long number = value.startsWith("0x") ? Long.parseLong(value.substring(2), 16) : Long.parseLong(value);
            names.put(number, line.substring(space + 1));
        });
        return Map.copyOf(names);
    }

    /** ICMP message types ({@code icmp_type_str}). */
    static final Map<Long, String> ICMP_TYPES = parse("""
            0 Echo (ping) reply
            3 Destination unreachable
            4 Source quench (flow control)
            5 Redirect
            6 Alternate host address
            8 Echo (ping) request
            9 Router advertisement
            10 Router solicitation
            11 Time-to-live exceeded
            12 Parameter problem
            13 Timestamp request
            14 Timestamp reply
            15 Information request
            16 Information reply
            17 Address mask request
            18 Address mask reply
            30 Traceroute
            """);

    /** ICMP codes of the message types that name theirs, by type. */
    static final Map<Long, Map<Long, String>> ICMP_CODES = Map.of(
            3L, parse("""
                    0 Network unreachable
                    1 Host unreachable
                    2 Protocol unreachable
                    3 Port unreachable
                    4 Fragmentation needed
                    5 Source route failed
                    6 Destination network unknown
                    7 Destination host unknown
                    8 Source host isolated
                    9 Network administratively prohibited
                    10 Host administratively prohibited
                    11 Network unreachable for TOS
                    12 Host unreachable for TOS
                    13 Communication administratively filtered
                    14 Host precedence violation
                    15 Precedence cutoff in effect
                    """),
            5L, parse("""
                    0 Redirect for network
                    1 Redirect for host
                    2 Redirect for TOS and network
                    3 Redirect for TOS and host
                    """),
            9L, parse("""
                    0 Normal router advertisement
                    16 Does not route common traffic
                    """),
            11L, parse("""
                    0 Time to live exceeded in transit
                    1 Fragment reassembly time exceeded
                    """),
            12L, parse("""
                    0 Pointer indicates the error
                    1 Required option missing
                    2 Bad length
                    """));

    /** IANA protocol numbers ({@code ip.proto}, {@code ipv6.nxt}, every next-header field). */
    static final Map<Long, String> IP_PROTOCOLS = parse("""
            0 IPv6 Hop-by-Hop Option
            1 ICMP
            2 IGMP
            3 GGP
            4 IPIP
            5 Stream
            6 TCP
            7 CBT
            8 EGP
            9 IGRP
            10 BBN RCC
            11 Network Voice
            12 PUP
            13 ARGUS
            14 EMCON
            15 XNET
            16 CHAOS
            17 UDP
            18 Multiplex
            19 DCN Measurement
            20 Host Monitoring
            21 Packet radio
            22 IDP
            23 Trunk-1
            24 Trunk-2
            25 Leaf-1
            26 Leaf-2
            27 Reliable Data
            28 IRT
            29 ISO TP4
            30 Bulk Data
            31 MFE NSP
            32 Merit Internodal
            33 Datagram Congestion Control Protocol
            34 3rd Party Connect
            35 Inter-Domain Policy Routing Protocol
            36 XTP
            37 Datagram delivery
            38 Control Message
            39 TP++
            40 IL
            41 IPv6
            42 Source demand routing
            43 Routing Header for IPv6
            44 Fragment Header for IPv6
            45 Inter-Domain Routing Protocol
            46 Reservation Protocol
            47 Generic Routing Encapsulation
            48 Dynamic source routing
            49 BNA
            50 Encap Security Payload
            51 Authentication Header
            52 INSLP
            53 SWIPE
            54 NBMA ARP
            55 IP Mobility
            56 TLSP Kryptonet
            57 SKIP
            58 ICMPv6
            59 No Next Header for IPv6
            60 Destination Options for IPv6
            61 any host internal protocol
            62 Mobile IPv6 (old)
            63 any local network
            64 SATNET EXPAK
            65 Kryptolan
            66 Remote Virtual Disk
            67 IPPC
            68 any distributed file system
            69 SATNET Monitoring
            70 VISA
            71 IPCV
            72 CPNX
            73 CPHB
            74 Wang Span
            75 Packet Video
            76 Backroom SATNET Mon
            77 Sun ND Protocol
            78 Wideband Mon
            79 Wideband Expak
            80 ISO Internet Protocol
            81 VMTP
            82 Secure VMTP
            83 VINES
            84 TTP
            85 NSFNET IGP
            86 Dissimilar Gateway
            87 TCF
            88 EIGRP
            89 OSPF IGP
            90 Sprite RPC
            91 Locus ARP
            92 Multicast Transport
            93 AX.25 Frames
            94 IP in IP
            95 MICP
            96 Semaphore
            97 Ether in IP
            98 ENCAP
            99 any private encryption scheme
            100 GMTP
            101 Ipsilon Flow
            102 PNNI over IP
            103 PIM
            104 ARIS
            105 SCPS
            106 QNX
            107 Active Networks
            108 IPComp
            109 Sitara Networks
            110 Compaq Peer
            111 IPX IN IP
            112 VRRP
            113 PGM
            114 any 0-hop protocol
            115 Layer 2 Tunneling
            116 DDX
            117 IATP
            118 STP
            119 SpectraLink
            120 UTI
            121 SMP
            122 SM
            123 PTP
            124 ISIS over IP
            125 FIRE
            126 CRTP
            127 CRUDP
            128 SSCOPMCE
            129 IPLT
            130 Secure Packet
            131 PIPE
            132 SCTP
            133 Fibre Channel
            134 RSVP E2EI
            135 Mobile IPv6
            136 UDPLite
            137 MPLS in IP
            138 MANET
            139 HIP
            140 Shim6 header
            141 WESP
            142 ROHC
            143 Ethernet
            144 Unassigned
            145 Unassigned
            146 Unassigned
            147 Unassigned
            148 Unassigned
            149 Unassigned
            150 Unassigned
            151 Unassigned
            152 Unassigned
            153 Unassigned
            154 Unassigned
            155 Unassigned
            156 Unassigned
            157 Unassigned
            158 Unassigned
            159 Unassigned
            160 Unassigned
            161 Unassigned
            162 Unassigned
            163 Unassigned
            164 Unassigned
            165 Unassigned
            166 Unassigned
            167 Unassigned
            168 Unassigned
            169 Unassigned
            170 Unassigned
            171 Unassigned
            172 Unassigned
            173 AX/4000 Testframe
            174 Unassigned
            175 Unassigned
            176 Unassigned
            177 Unassigned
            178 Unassigned
            179 Unassigned
            180 Unassigned
            181 Unassigned
            182 Unassigned
            183 Unassigned
            184 Unassigned
            185 Unassigned
            186 Unassigned
            187 Unassigned
            188 Unassigned
            189 Unassigned
            190 Unassigned
            191 Unassigned
            192 Unassigned
            193 Unassigned
            194 Unassigned
            195 Unassigned
            196 Unassigned
            197 Unassigned
            198 Unassigned
            199 Unassigned
            200 Unassigned
            201 Unassigned
            202 Unassigned
            203 Unassigned
            204 Unassigned
            205 Unassigned
            206 Unassigned
            207 Unassigned
            208 Unassigned
            209 Unassigned
            210 Unassigned
            211 Unassigned
            212 Unassigned
            213 Unassigned
            214 Unassigned
            215 Unassigned
            216 Unassigned
            217 Unassigned
            218 Unassigned
            219 Unassigned
            220 Unassigned
            221 Unassigned
            222 Unassigned
            223 Unassigned
            224 Novell NCS Heartbeat
            """);

    /** EtherTypes ({@code eth.type}, {@code vlan.etype}, {@code sll.etype}). */
    static final Map<Long, String> ETHER_TYPES = parse("""
            0x800 IPv4
            0x86dd IPv6
            0x8100 802.1Q Virtual LAN
            0x8102 Simple Loop Protection Protocol
            0x8103 Virtual LACP
            0x8104 Simple Loop Protection Protocol (old)
            0x806 ARP
            0x872d Cisco Wireless Lan Context Control Protocol
            0x8783 Motorola Media Independent Network Transport
            0x2452 IEEE 802.11 (Centrino promiscuous)
            0x600 XNS Internet Datagram Protocol
            0x805 X.25 Layer 3
            0x842 Wake on LAN
            0x8f0 WiMax Mac-to-Mac
            0x3e3f EPL_V1
            0x8035 RARP
            0x8038 DEC LanBridge
            0x809b AppleTalk LLAP bridging
            0x80d5 SNA-over-Ethernet
            0x80e1 EtherNet/IP Device Level Ring
            0x80f3 AARP
            0x8137 Netware IPX/SPX
            0xbad Vines IP
            0xbaf Vines Echo
            0x1984 Netmon Train
            0x9000 Loopback
            0x885a Foundry proprietary
            0x80ff Wellfleet Compression Protocol
            0x8181 Spanning Tree Protocol
            0x81fd Cabletron Interswitch Message Protocol
            0x81ff Cabletron SFVLAN 1.8 Tag-Based Flood
            0x8204 QNX 6 QNET protocol
            0x8863 PPPoE Discovery
            0x8864 PPPoE Session
            0x886c HomePNA, wlan link local tunnel
            0x886d Intel ANS probe
            0x886f MS NLB heartbeat
            0x8870 Jumbo LLC
            0x8874 Broadcom tag
            0x887b Homeplug
            0x88e1 Homeplug AV
            0x88e3 MRP
            0x88a8 802.1ad Provider Bridge (Q-in-Q)
            0x88e5 802.1AE (MACsec)
            0x893a 1905.1a Convergent Digital Home Network for Heterogenous Technologies
            0x88e7 802.1ah Provider Backbone Bridge (mac-in-mac)
            0x893f 802.1br Bridge Port Extension E-Tag
            0x888e 802.1X Authentication
            0x88c7 802.11i Pre-Authentication
            0x8847 MPLS label switched packet
            0x8848 MPLS multicast label switched packet
            0x3c07 3Com NBP Datagram
            0x6000 DEC proto
            0x6001 DEC DNA Dump/Load
            0x6002 DEC DNA Remote Console
            0x6003 DEC DNA Routing
            0x6004 DEC LAT
            0x6005 DEC Diagnostics
            0x6006 DEC Customer use
            0x6007 DEC LAVC/SCA
            0x8041 DEC LAST
            0x6558 Transparent Ethernet bridging
            0x2001 Cisco Group Management Protocol
            0x22e5 Gigamon Header
            0x22ea 802.1Qat Multiple Stream Reservation Protocol
            0x88f6 802.1ak Multiple Mac Registration Protocol
            0x894f Network Service Header
            0x8988 PA HB Backup
            0x22f0 IEEE 1722 Audio Video Transport Protocol
            0x22f1 Robust Header Compression(RoHC)
            0x22f3 Transparent Interconnection of Lots of Links
            0x22f4 Intermediate System to Intermediate System
            0x8808 MAC Control
            0x8809 Slow Protocols
            0x9021 Real-Time Media Access Control
            0x9022 Real-Time Configuration Protocol
            0x8881 CDMA2000 A10 Unstructured byte stream
            0x8884 ATM over Ethernet
            0x8892 PROFINET
            0x8899 Realtek Layer 2 Protocols
            0x88a2 ATA over Ethernet
            0x88a4 EtherCAT frame
            0x88a1 Telkonet powerline
            0x88ab ETHERNET Powerlink v2
            0x88ad XiMeta Technology
            0x889b CSM_ENCAPS Protocol
            0x88b5 Local Experimental Ethertype 1
            0x88b6 Local Experimental Ethertype 2
            0x88b7 IEEE 802a OUI Extended Ethertype
            0x88b8 IEC 61850/GOOSE
            0x88b9 IEC 61850/GSE management services
            0x88ba IEC 61850/SV (Sampled Value Transmission
            0x88ca Transparent Inter Process Communication
            0x88cc 802.1 Link Layer Discovery Protocol (LLDP)
            0x88d2 CDMA2000 A10 3GPP2 Packet
            0x891d TTEthernet Protocol Control Frame
            0x88d8 Circuit Emulation Services over Ethernet (MEF8)
            0x88d9 Link Layer Topology Discovery (LLTD)
            0x88dc (WAVE) Short Message Protocol (WSM)
            0x88de VMware Lab Manager
            0x8819 Cirrus Cobranet Packet
            0x8133 Juniper Netscreen Redundant Protocol
            0x9104 EERO Broadcast Packet
            0x8021 PPP IP Control Protocol
            0xc021 PPP Link Control Protocol
            0xc023 PPP Password Authentication Protocol
            0x80fd PPP Compression Control Protocol
            0xcafe Veritas Low Latency Transport (not officially registered)
            0x8902 IEEE 802.1ag Connectivity Fault Management (CFM) protocol
            0x8903 Data Center Ethernet (DCE) protocol(Cisco)
            0x8906 Fibre Channel over Ethernet
            0x890d IEEE 802.11 data encapsulation
            0x8911 LINX IPC Protocol
            0x8914 FCoE Initialization Protocol
            0x8917 Media Independent Handover Protocol
            0x88ee Ethernet Local Management Interface (MEF16)
            0x88f7 PTPv2 over Ethernet (IEEE1588)
            0x88f8 Network Controller Sideband Interface
            0x88fb Parallel Redundancy Protocol (PRP) and HSR Supervision (IEC62439 Part 3)
            0x8901 Flow Layer Internal Protocol
            0x8915 RDMA over Converged Ethernet
            0xd00d Digium TDM over Ethernet Protocol
            0x88b4 WAI Authentication Protocol
            0x8926 VN-Tag
            0x892b Schweitzer Engineering Labs Layer 2 Protocol
            0x892f High-availability Seamless Redundancy (IEC62439 Part 3)
            0x8ff AX.25
            0x8909 CiscoMetaData
            0x8947 GeoNetworking
            0xc0de eXpressive Internet Protocol
            0xc0df Neighborhood Watch Protocol
            0x892d bluecom Protocol
            0x9100 QinQ: old non-standard 802.1ad
            0x99fe Technically Enhanced Capture Module Protocol (TECMP)
            0xa0ed 6LoWPAN
            0xd28b Arista Timestamp
            0xaefe eCPRI
            0xb4e3 CableLabs Layer-3 Protocol
            0xe555 EXos internal Extra Header
            0xfff2 Cisco ACI ARP gleaning
            0xf1c1 802.1CB Frame Replication and Elimination for Reliability
            """);

    /** Wiretap encapsulations of the link types Tapdeck reads ({@code frame.encap_type}). */
    static final Map<Long, String> ENCAPSULATIONS = parse("""
            1 Ethernet
            7 Raw IP
            15 NULL/Loopback
            25 Linux cooked-mode capture v1
            129 Raw IPv4
            130 Raw IPv6
            174 OpenBSD loopback
            210 Linux cooked-mode capture v2
            """);

    /** IEEE 802.2 service access points ({@code llc.dsap}, {@code llc.ssap}). */
    static final Map<Long, String> LLC_SAPS = parse("""
            0x0 NULL LSAP
            0x1 NULL LSAP
            0x2 LLC Sub-Layer Management
            0x4 SNA Path Control
            0x6 TCP/IP
            0x8 SNA
            0xc SNA
            0xe PROWAY (IEC955) Network Management and Initialization
            0x10 NetWare (unofficial?)
            0x14 ISO Network Layer (OSLAN 1)
            0x18 Texas Instruments
            0x20 ISO Network Layer (unofficial?)
            0x34 ISO Network Layer (unofficial?)
            0x42 Spanning Tree BPDU
            0x4e EIA RS-511 Manufacturing Message Service
            0x54 ISO Network Layer (OSLAN 2)
            0x7e ISO 8208 (X.25 over 802.2)
            0x7f ISO 802.2
            0x80 XNS
            0x82 BACnet
            0x86 Nestar
            0x8e PROWAY (IEC955) Active Station List Maintenance
            0x98 ARP
            0xb4 HP JetDirect Printer
            0xaa SNAP
            0xba Banyan Vines
            0xbc Banyan Vines
            0xe0 NetWare
            0xf0 NetBIOS
            0xf4 IBM Net Management
            0xf8 HP Extended LLC
            0xfa Ungermann-Bass
            0xfc Remote Program Load
            0xfe ISO Network Layer
            0xff Global LSAP
            """);

    static final Map<Long, String> SLL_PACKET_TYPES = parse("""
            0 Unicast to us
            1 Broadcast
            2 Multicast
            3 Unicast to another host
            4 Sent by us
            """);

    /** Linux protocol numbers below 1536 that name a link encapsulation ({@code sll.ltype}). */
    static final Map<Long, String> SLL_LINUX_PROTOCOLS = parse("""
            0x1 Raw 802.3
            0x3 Ethernet
            0x4 802.2 LLC
            0x7 PPP (HDLC)
            0xc CAN
            0xd CAN FD
            0x17 IrDA LAP
            0xf5 ISI
            0xf6 IEEE 802.15.4
            """);

    /** BSD address families ({@code null.family}), with IPv6 as each BSD numbers it. */
    static final Map<Long, String> NULL_FAMILIES = parse("""
            2 IP
            7 OSI
            16 Appletalk
            23 Netware IPX/SPX
            24 IPv6
            28 IPv6
            30 IPv6
            """);

    /** IEEE 802.1D-2004 traffic types by priority ({@code vlan.priority}). */
    static final Map<Long, String> VLAN_PRIORITIES = parse("""
            0 Best Effort (default)
            1 Background
            2 Spare
            3 Excellent Effort
            4 Controlled Load
            5 Video, < 100ms latency and jitter
            6 Voice, < 10ms latency and jitter
            7 Network Control
            """);

    /** ARP hardware types ({@code arp.hw.type}, {@code sll.hatype}). */
    static final Map<Long, String> ARP_HARDWARE_TYPES = parse("""
            0 NET/ROM pseudo
            1 Ethernet
            2 Experimental Ethernet
            3 AX.25
            4 ProNET
            5 Chaos
            6 IEEE 802
            7 ARCNET
            8 Hyperchannel
            9 Lanstar
            10 Autonet Short Address
            11 Localtalk
            12 LocalNet
            13 Ultra link
            14 SMDS
            15 Frame Relay DLCI
            16 ATM
            17 HDLC
            18 Fibre Channel
            19 ATM (RFC 2225)
            20 Serial Line
            21 ATM
            22 MIL-STD-188-220
            23 Metricom STRIP
            24 IEEE 1394.1995
            25 MAPOS
            26 Twinaxial
            27 EUI-64
            28 HIPARP
            29 IP and ARP over ISO 7816-3
            30 ARPSec
            31 IPsec tunnel
            32 InfiniBand
            33 TIA-102 Project 25 CAI
            34 Wiegand Interface
            35 Pure IP
            36 Experimental 1
            37 HFI
            256 Experimental 2
            257 AEthernet
            260 Notional KISS type
            264 ADAPT
            270 ROSE
            271 CCITT X.25
            272 Boards with X.25 in firmware
            280 Controller Area Network
            512 PPP
            513 Cisco HDLC
            516 LAPB
            517 Digital's DDCMP protocol
            518 Raw HDLC
            519 Raw IP
            768 IPIP tunnel
            769 IP6IP6 tunnel
            770 Frame Relay Access Device
            771 SKIP vif
            772 Loopback
            774 Fiber Distributed Data Interface
            775 AP1000 BIF
            776 sit0 device - IPv6-in-IPv4
            777 IP over DDP tunneller
            778 GRE over IP
            779 PIMSM register interface
            780 High Performance Parallel Interface
            781 Nexus 64Mbps Ash
            782 Acorn Econet
            783 Linux-IrDA
            784 Point to point fibrechannel
            785 Fibrechannel arbitrated loop
            786 Fibrechannel public loop
            787 Fibrechannel fabric
            800 Magic type ident for TR
            801 IEEE 802.11
            802 IEEE 802.11 + Prism2 header
            803 IEEE 802.11 + radiotap header
            804 IEEE 802.15.4
            805 IEEE 802.15.4 network monitor
            820 PhoNet media type
            821 PhoNet pipe header
            822 CAIF media type
            823 GRE over IPv6
            824 Netlink
            825 IPv6 over LoWPAN
            826 Vsock monitor header
            65535 Void type, nothing is known
            65534 zero header length
            """);

    static final Map<Long, String> ARP_OPCODES = parse("""
            1 request
            2 reply
            3 reverse request
            4 reverse reply
            5 drarp request
            6 drarp reply
            7 drarp error
            8 inverse request
            9 inverse reply
            10 arp nak
            11 mars request
            12 mars multi
            13 mars mserv
            14 mars join
            15 mars leave
            16 mars nak
            17 mars unserv
            18 mars sjoin
            19 mars sleave
            20 mars grouplist request
            21 mars grouplist reply
            22 mars redirect map
            23 mapos unarp
            24 experimental 1
            25 experimental 2
            0 reserved
            65535 reserved
            """);

    /** Differentiated services codepoints ({@code ip.dsfield.dscp}, {@code ipv6.tclass.dscp}). */
    static final Map<Long, String> DSCP = parse("""
            0 Default
            1 Lower Effort
            8 Class Selector 1
            10 Assured Forwarding 11
            12 Assured Forwarding 12
            14 Assured Forwarding 13
            16 Class Selector 2
            18 Assured Forwarding 21
            20 Assured Forwarding 22
            22 Assured Forwarding 23
            24 Class Selector 3
            26 Assured Forwarding 31
            28 Assured Forwarding 32
            30 Assured Forwarding 33
            32 Class Selector 4
            34 Assured Forwarding 41
            36 Assured Forwarding 42
            38 Assured Forwarding 43
            40 Class Selector 5
            44 Voice Admit
            46 Expedited Forwarding
            48 Class Selector 6
            56 Class Selector 7
            """);

    /** Explicit congestion notification codepoints ({@code ip.dsfield.ecn}, {@code ipv6.tclass.ecn}). */
    static final Map<Long, String> ECN = parse("""
            0 Not ECN-Capable Transport
            1 ECN-Capable Transport codepoint '01'
            2 ECN-Capable Transport codepoint '10'
            3 Congestion Experienced
            """);

    static final Map<Long, String> IP_OPTION_CLASSES = parse("""
            0 Control
            1 Reserved for future use
            2 Debugging and measurement
            3 Reserved for future use
            """);

    static final Map<Long, String> IP_OPTION_NUMBERS = parse("""
            0 End of Option List (EOL)
            1 No-Operation (NOP)
            2 Security
            3 Loose source route
            4 Time stamp
            5 Extended security
            6 Commercial IP security option
            7 Record route
            8 Stream identifier
            9 Strict source route
            10 Experimental Measurement
            11 MTU probe
            12 MTU Reply
            13 Experimental Flow Control
            14 Experimental Access Control
            15 Ask Estrin
            16 IMI Traffic Descriptor
            17 Extended Internet Protocol
            18 Traceroute
            19 Address Extension
            20 Router Alert
            21 Selective Directed Broadcast
            22 Unassigned
            23 Dynamic Packet State
            24 Upstream Multicast Packet
            25 Quick-Start
            30 RFC 3692-style experiment
            """);

    static final Map<Long, String> IPV6_ROUTING_TYPES = parse("""
            0 Source Route
            1 Nimrod
            2 Type 2 Routing
            3 RPL Source Route
            4 Segment Routing
            5 Compact Routing Header 16
            6 Compact Routing Header 32
            253 Experiment 1
            254 Experiment 2
            """);

    static final Map<Long, String> TCP_OPTION_KINDS = parse("""
            0 End of Option List
            1 No-Operation
            2 Maximum Segment Size
            3 Window Scale
            4 SACK Permitted
            5 SACK
            6 Echo
            7 Echo Reply
            8 Time Stamp Option
            9 Partial Order Connection Permitted
            10 Partial Order Service Profile
            11 CC
            12 CC.NEW
            13 CC.ECHO
            14 TCP Alternate Checksum Request
            15 TCP Alternate Checksum Data
            16 Skeeter
            17 Bubba
            18 Trailer Checksum Option
            19 MD5 Signature Option
            20 SCPS Capabilities
            21 Selective Negative Acknowledgements
            22 Record Boundaries
            23 Corruption experienced
            24 SNAP
            25 Unassigned
            26 TCP Compression Filter
            27 Quick-Start Response
            28 User Timeout Option
            29 The TCP Authentication Option
            30 Multipath TCP
            34 TCP Fast Open Cookie
            76 Riverbed Probe
            78 Riverbed Transparency
            172 Accurate ECN Order 0
            174 Accurate ECN Order 1
            253 RFC3692-style Experiment 1
            254 RFC3692-style Experiment 2
            """);

    static final Map<Long, String> ICMPV6_TYPES = parse("""
            1 Destination Unreachable
            2 Packet Too Big
            3 Time Exceeded
            4 Parameter Problem
            100 Private experimentation
            101 Private experimentation
            127 Reserved for expansion of ICMPv6 error messages
            128 Echo (ping) request
            129 Echo (ping) reply
            130 Multicast Listener Query
            131 Multicast Listener Report
            132 Multicast Listener Done
            133 Router Solicitation
            134 Router Advertisement
            135 Neighbor Solicitation
            136 Neighbor Advertisement
            137 Redirect
            138 Router Renumbering
            139 Node Information Query
            140 Node Information Reply
            141 Inverse Neighbor Discovery Solicitation
            142 Inverse Neighbor Discovery Advertisement
            143 Multicast Listener Report Message v2
            144 Home Agent Address Discovery Request
            145 Home Agent Address Discovery Reply
            146 Mobile Prefix Solicitation
            147 Mobile Prefix Advertisement
            148 Certification Path Solicitation
            149 Certification Path Advertisement
            150 Experimental Mobility
            151 Multicast Router Advertisement
            152 Multicast Router Solicitation
            153 Multicast Router Termination
            154 FMIPv6
            155 RPL Control
            156 Locator Update
            157 Duplicate Address Request
            158 Duplicate Address Confirmation
            159 MPL Control Message
            160 Extended Echo request
            161 Extended Echo reply
            200 Private experimentation
            201 Private experimentation
            255 Reserved for expansion of ICMPv6 informational messages
            """);

    /** Resource record types as the tree names them ({@code dns.qry.type}, {@code dns.resp.type}). */
    static final Map<Long, String> DNS_TYPES = parse("""
            0 Unused
            1 A (Host Address)
            2 NS (authoritative Name Server)
            3 MD (Mail Destination)
            4 MF (Mail Forwarder)
            5 CNAME (Canonical NAME for an alias)
            6 SOA (Start Of a zone of Authority)
            7 MB (MailBox domain name)
            8 MG (Mail Group member)
            9 MR (Mail Rename domain)
            10 NULL RR
            11 WKS (Well Known Service)
            12 PTR (domain name PoinTeR)
            13 HINFO (host information)
            14 MINFO (Mailbox or mail list information)
            15 MX (Mail eXchange)
            16 TXT (Text strings)
            17 RP (Responsible Person)
            18 AFSDB (AFS Data Base location)
            19 X25 (XX.25 PSDN address)
            20 ISDN (ISDN address)
            21 RT (Route Through)
            22 NSAP (NSAP address)
            23 NSAP-PTR (NSAP domain name pointer)
            24 SIG (security signature)
            25 KEY (security key)
            26 PX (X.400 mail mapping information)
            27 GPOS (Geographical Position)
            28 AAAA (IPv6 Address)
            29 LOC (Location Information)
            30 NXT (Next Domain)
            31 EID (Endpoint Identifier)
            32 NIMLOC (Nimrod Locator)
            33 SRV (Server Selection)
            34 ATMA (ATM Address)
            35 NAPTR (Naming Authority Pointer)
            36 KX (Key Exchanger)
            37 CERT
            38 A6 (OBSOLETE - use AAAA)
            39 DNAME
            40 SINK
            41 OPT
            42 APL
            43 DS (Delegation Signer)
            44 SSHFP (SSH Key Fingerprint)
            45 IPSECKEY
            46 RRSIG (Resource Record Signature)
            47 NSEC (Next Secure)
            48 DNSKEY (DNS Public Key)
            49 DHCID
            50 NSEC3
            51 NSEC3PARAM
            52 TLSA
            55 HIP (Host Identity Protocol)
            57 RKEY
            58 TALINK (Trust Anchor LINK)
            59 CDS (Child DS)
            60 CDNSKEY (DNSKEY(s) the Child wants reflected in DS)
            61 OPENPGPKEY (OpenPGP Key)
            62 CSYNC (Child-to-Parent Synchronization)
            63 ZONEMD
            64 SVCB (General Purpose Service Endpoints)
            65 HTTPS (HTTPS Specific Service Endpoints)
            99 SPF
            100 UINFO
            101 UID
            102 GID
            103 UNSPEC
            104 NID (NodeID)
            105 L32 (Locator32)
            106 L64 (Locator64)
            107 LP (Locator FQDN)
            108 EUI48
            109 EUI64
            249 TKEY (Transaction Key)
            250 TSIG (Transaction Signature)
            251 IXFR (incremental transfer)
            252 AXFR (transfer of an entire zone)
            253 MAILB (mailbox-related RRs)
            254 MAILA (mail agent RRs)
            255 * (A request for all records the server/cache has available)
            256 URI
            257 CAA (Certification Authority Restriction)
            32768 TA (DNSSEC Trust Authorities)
            32769 DLV (DNSSEC Lookaside Validation)
            65281 WINS
            65282 WINS-R
            65422 XPF
            """);

    static final Map<Long, String> DNS_CLASSES = parse("""
            0x1 IN
            0x2 CS
            0x3 CH
            0x4 HS
            0xfe NONE
            0xff ANY
            """);

    static final Map<Long, String> DNS_OPCODES = parse("""
            0 Standard query
            1 Inverse query
            2 Server status request
            4 Zone change notification
            5 Dynamic update
            6 DNS Stateful operations (DSO)
            """);

    static final Map<Long, String> DNS_RCODES = parse("""
            0 No error
            1 Format error
            2 Server failure
            3 No such name
            4 Not implemented
            5 Refused
            6 Name exists
            7 RRset exists
            8 RRset does not exist
            9 Not authoritative
            10 Name out of zone
            11 DSO-Type not implemented
            16 Bad OPT Version or TSIG Signature Failure
            17 Key not recognized
            18 Signature out of time window
            19 Bad TKEY Mode
            20 Duplicate key name
            21 Algorithm not supported
            22 Bad Truncation
            23 Bad/missing Server Cookie
            """);

    static final Map<Long, String> TLS_CONTENT_TYPES = parse("""
            20 Change Cipher Spec
            21 Alert
            22 Handshake
            23 Application Data
            24 Heartbeat
            25 Connection ID
            """);

    /** SSL, TLS and DTLS versions ({@code tls.record.version}, {@code tls.handshake.version}). */
    static final Map<Long, String> TLS_VERSIONS = parse("""
            0x2 SSL 2.0
            0x300 SSL 3.0
            0x301 TLS 1.0
            0x101 GMTLS
            0x302 TLS 1.1
            0x303 TLS 1.2
            0x304 TLS 1.3
            0x7f0e TLS 1.3 (draft 14)
            0x7f0f TLS 1.3 (draft 15)
            0x7f10 TLS 1.3 (draft 16)
            0x7f11 TLS 1.3 (draft 17)
            0x7f12 TLS 1.3 (draft 18)
            0x7f13 TLS 1.3 (draft 19)
            0x7f14 TLS 1.3 (draft 20)
            0x7f15 TLS 1.3 (draft 21)
            0x7f16 TLS 1.3 (draft 22)
            0x7f17 TLS 1.3 (draft 23)
            0x7f18 TLS 1.3 (draft 24)
            0x7f19 TLS 1.3 (draft 25)
            0x7f1a TLS 1.3 (draft 26)
            0x7f1b TLS 1.3 (draft 27)
            0x7f1c TLS 1.3 (draft 28)
            0xfb17 TLS 1.3 (Facebook draft 23)
            0xfb1a TLS 1.3 (Facebook draft 26)
            0x100 DTLS 1.0 (OpenSSL pre 0.9.8f)
            0xfeff DTLS 1.0
            0xfefd DTLS 1.2
            0xa0a Reserved (GREASE)
            0x1a1a Reserved (GREASE)
            0x2a2a Reserved (GREASE)
            0x3a3a Reserved (GREASE)
            0x4a4a Reserved (GREASE)
            0x5a5a Reserved (GREASE)
            0x6a6a Reserved (GREASE)
            0x7a7a Reserved (GREASE)
            0x8a8a Reserved (GREASE)
            0x9a9a Reserved (GREASE)
            0xaaaa Reserved (GREASE)
            0xbaba Reserved (GREASE)
            0xcaca Reserved (GREASE)
            0xdada Reserved (GREASE)
            0xeaea Reserved (GREASE)
            0xfafa Reserved (GREASE)
            """);

    static final Map<Long, String> TLS_HANDSHAKE_TYPES = parse("""
            0 Hello Request
            1 Client Hello
            2 Server Hello
            3 Hello Verify Request
            4 New Session Ticket
            5 End of Early Data
            6 Hello Retry Request
            8 Encrypted Extensions
            11 Certificate
            12 Server Key Exchange
            13 Certificate Request
            14 Server Hello Done
            15 Certificate Verify
            16 Client Key Exchange
            20 Finished
            21 Client Certificate URL
            22 Certificate Status
            23 Supplemental Data
            24 Key Update
            25 Compressed Certificate
            67 Encrypted Extensions
            """);

    static final Map<Long, String> TLS_EXTENSION_TYPES = parse("""
            0 server_name
            1 max_fragment_length
            2 client_certificate_url
            3 trusted_ca_keys
            4 truncated_hmac
            5 status_request
            6 user_mapping
            7 client_authz
            8 server_authz
            9 cert_type
            10 supported_groups
            11 ec_point_formats
            12 srp
            13 signature_algorithms
            14 use_srtp
            15 heartbeat
            16 application_layer_protocol_negotiation
            17 status_request_v2
            18 signed_certificate_timestamp
            19 client_certificate_type
            20 server_certificate_type
            21 padding
            22 encrypt_then_mac
            23 extended_master_secret
            24 token_binding
            25 cached_info
            27 compress_certificate
            28 record_size_limit
            34 delegated_credentials
            35 session_ticket
            40 Reserved (key_share)
            41 pre_shared_key
            42 early_data
            43 supported_versions
            44 cookie
            45 psk_key_exchange_modes
            46 Reserved (ticket_early_data_info)
            47 certificate_authorities
            48 oid_filters
            49 post_handshake_auth
            50 signature_algorithms_cert
            51 key_share
            52 transparency_info
            53 connection_id (deprecated)
            54 connection_id
            55 external_id_hash
            56 external_session_id
            57 quic_transport_parameters
            58 ticket_request
            59 dnssec_chain
            2570 Reserved (GREASE)
            6682 Reserved (GREASE)
            10794 Reserved (GREASE)
            13172 next_protocol_negotiation
            14906 Reserved (GREASE)
            17513 application_settings
            19018 Reserved (GREASE)
            23130 Reserved (GREASE)
            27242 Reserved (GREASE)
            30031 channel_id_old
            30032 channel_id
            65281 renegotiation_info
            31354 Reserved (GREASE)
            35466 Reserved (GREASE)
            39578 Reserved (GREASE)
            43690 Reserved (GREASE)
            47802 Reserved (GREASE)
            51914 Reserved (GREASE)
            56026 Reserved (GREASE)
            60138 Reserved (GREASE)
            64250 Reserved (GREASE)
            65445 quic_transport_parameters (drafts version)
            65486 encrypted_server_name
            """);

    static final Map<Long, String> TLS_SERVER_NAME_TYPES = parse("""
            0 host_name
            """);

    static final Map<Long, String> EXPERT_SEVERITIES = parse("""
            8388608 Error
            6291456 Warning
            4194304 Note
            2097152 Chat
            1048576 Comment
            """);

    static final Map<Long, String> EXPERT_GROUPS = parse("""
            16777216 Checksum
            33554432 Sequence
            50331648 Response
            67108864 Request
            83886080 Undecoded
            100663296 Reassemble
            117440512 Malformed
            134217728 Debug
            150994944 Protocol
            167772160 Security
            184549376 Comment
            201326592 Decryption
            218103808 Assumption
            234881024 Deprecated
            """);
}

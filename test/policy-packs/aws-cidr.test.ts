/** CIDR ranges as the AWS pack reads them: very wide public ranges count as the internet. */
import * as assert from "assert";
import { parseCidr, tooBroad } from "../../policy-packs/aws/lib/cidr";

const DEFAULTS = { ipv4: 8, ipv6: 32 };
const prefixOf = (c: string) => tooBroad(c, DEFAULTS)?.prefix;

describe("aws pack: CIDR breadth", () => {
    it("parses IPv4 and compressed IPv6, clearing host bits, and refuses anything else", () => {
        assert.deepStrictEqual(parseCidr("10.1.2.3/8"), { version: 4, network: 10n << 24n, prefix: 8 });
        assert.deepStrictEqual(parseCidr(" 2001:db8::1/32 "), { version: 6, network: 0x20010db8n << 96n, prefix: 32 });
        assert.deepStrictEqual(parseCidr("::/0"), { version: 6, network: 0n, prefix: 0 });
        for (const bad of ["10.0.0.0", "10.0.0.256/8", "10.0.0.0/33", "2001:db8::/129", "1::2::3/64", "1:2:3:4:5:6:7:8:9/64", "sg-123", 42]) {
            assert.strictEqual(parseCidr(bad), undefined, String(bad));
        }
    });

    it("flags ranges shorter than the minimum for their IP version, at the minimum and longer not", () => {
        assert.deepStrictEqual(["0.0.0.0/1", "128.0.0.0/1", "10.0.0.0/4", "44.0.0.0/7", "44.0.0.0/8", "203.0.113.0/24"].map(prefixOf), [1, 1, 4, 7, undefined, undefined]);
        assert.deepStrictEqual(["2000::/3", "2001:db8::/31", "2001:db8::/32", "2001:db8::/48"].map(prefixOf), [3, 31, undefined, undefined]);
        assert.strictEqual(tooBroad("203.0.0.0/16", { ipv4: 20, ipv6: 32 })?.min, 20);
    });

    it("leaves ranges wholly inside private or non-internet space alone, however wide", () => {
        const strict = { ipv4: 24, ipv6: 64 };
        assert.deepStrictEqual(["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7", "fd00::/8", "fe80::/10"].map((c) => tooBroad(c, strict)), [
            undefined, undefined, undefined, undefined, undefined, undefined, undefined,
        ]);
        assert.strictEqual(tooBroad("172.0.0.0/8", strict)?.prefix, 8, "wider than 172.16.0.0/12, so partly public");
    });

    it("describes the share of the address space a range spans", () => {
        assert.strictEqual(tooBroad("0.0.0.0/1", DEFAULTS)?.described, "a /1 spanning 1/2 of the IPv4 address space");
        assert.strictEqual(tooBroad("2000::/3", DEFAULTS)?.described, "a /3 spanning 1/8 of the IPv6 address space");
        assert.strictEqual(tooBroad("0.0.0.0/0", DEFAULTS)?.described, "a /0 spanning all of the IPv4 address space");
    });
});

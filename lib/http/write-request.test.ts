import { describe, expect, it } from "vitest";
import { crossSiteWriteProblem, describeBytes, isJsonContentType, isStateChanging, type WriteRequestHeaders } from "./write-request";

const app = "http://127.0.0.1:3000";
const none: WriteRequestHeaders = { origin: null, secFetchSite: null, contentType: null, authorization: null };
const json = (headers: Partial<WriteRequestHeaders>) => crossSiteWriteProblem({ ...none, contentType: "application/json", ...headers }, { appOrigin: app, body: "json" });

describe("cross-site write rules", () => {
  it("accepts JSON from the app's own origin, also with a charset, a trailing slash or upper case", () => {
    expect(json({ origin: app })).toBeUndefined();
    expect(json({ origin: "HTTP://127.0.0.1:3000", contentType: "application/json; charset=utf-8" })).toBeUndefined();
    expect(crossSiteWriteProblem({ ...none, origin: app, contentType: "application/json" }, { appOrigin: `${app}/`, body: "json" })).toBeUndefined();
    expect(crossSiteWriteProblem({ ...none, origin: "https://arbiter.example.com", contentType: "application/json" }, { appOrigin: "https://arbiter.example.com:443", body: "json" })).toBeUndefined();
  });

  it("refuses another port, host or scheme of the same machine, naming both origins", () => {
    expect(json({ origin: "http://127.0.0.1:4000" })).toBe(
      "Refused: this request came from http://127.0.0.1:4000, not from http://127.0.0.1:3000; changes are only accepted from the app's own pages.",
    );
    expect(json({ origin: "http://localhost:3000" })).toMatch(/came from http:\/\/localhost:3000/);
    expect(json({ origin: "https://127.0.0.1:3000" })).toMatch(/came from https:/);
    expect(json({ origin: "null" })).toMatch(/came from null/);
    // The same-origin fetch-metadata header does not excuse a foreign Origin.
    expect(json({ origin: "http://evil.test", secFetchSite: "same-origin" })).toMatch(/came from http:\/\/evil.test/);
  });

  it("without Origin, accepts Sec-Fetch-Site: same-origin only", () => {
    expect(json({ secFetchSite: "same-origin" })).toBeUndefined();
    expect(json({ secFetchSite: "same-site" })).toMatch(/must come from the app's own pages/);
    expect(json({ secFetchSite: "cross-site" })).toMatch(/must come from the app's own pages/);
    expect(json({})).toMatch(/Origin header equal to http:\/\/127.0.0.1:3000/);
  });

  it("refuses the bodies a cross-site form or simple fetch can send, before looking at the origin", () => {
    for (const contentType of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json-patch+json"]) {
      expect(json({ origin: app, contentType })).toBe(`Refused: a request that changes data must send Content-Type: application/json (this one sent ${contentType}).`);
    }
    expect(json({ origin: app, contentType: null })).toBe("Refused: a request that changes data must send Content-Type: application/json (this one sent none).");
  });

  it("lets a streamed upload (import) send any content type, with the same origin rule", () => {
    const upload = (headers: Partial<WriteRequestHeaders>) => crossSiteWriteProblem({ ...none, ...headers }, { appOrigin: app, body: "any" });
    expect(upload({ origin: app, contentType: "application/octet-stream" })).toBeUndefined();
    expect(upload({ origin: app })).toBeUndefined();
    expect(upload({ origin: "http://127.0.0.1:4000", contentType: "text/plain" })).toMatch(/came from http:\/\/127.0.0.1:4000/);
  });

  it("exempts requests that carry an Authorization header (a cross-site page cannot add one)", () => {
    expect(json({ authorization: "Bearer arb_x", origin: "http://evil.test" })).toBeUndefined();
    expect(crossSiteWriteProblem({ ...none, authorization: "Bearer arb_x", contentType: "text/plain" }, { appOrigin: app, body: "json" })).toBeUndefined();
    expect(json({ authorization: "  ", origin: "http://evil.test" })).toMatch(/came from/);
  });
});

describe("helpers", () => {
  it("knows which methods change state", () => {
    expect(["POST", "put", "PATCH", "DELETE"].map(isStateChanging)).toEqual([true, true, true, true]);
    expect(["GET", "HEAD", "OPTIONS"].map(isStateChanging)).toEqual([false, false, false]);
  });

  it("reads the media type of Content-Type", () => {
    expect(isJsonContentType("Application/JSON ; charset=UTF-8")).toBe(true);
    expect(isJsonContentType("text/json")).toBe(false);
    expect(isJsonContentType(null)).toBe(false);
  });

  it("describes limits", () => {
    expect(describeBytes(1024 * 1024)).toBe("1 MiB");
    expect(describeBytes(512 * 1024 * 1024)).toBe("512 MiB");
    expect(describeBytes(16 * 1024)).toBe("16 KiB");
    expect(describeBytes(1500)).toBe("1,500 bytes");
  });
});

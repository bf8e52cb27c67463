// Back-of-envelope arithmetic for the practice calculator, with no DOM: validate what was typed,
// compute every step, and format numbers to 3 significant figures with units.
(function () {
  "use strict";

  var DAY = 86400;
  // Each input's lower (and upper) bound; the defaults live in the template's value attributes.
  var RULES = {
    dau: { min: 0 }, reads: { min: 0 }, writes: { min: 0 },
    readSize: { min: 0 }, writeSize: { min: 0 },
    peak: { min: 1 }, replication: { min: 1 },
    cacheHit: { min: 0, max: 100 }, retention: { min: 0 }
  };
  var NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
  var SIG3 = new Intl.NumberFormat("en-US", { minimumSignificantDigits: 3, maximumSignificantDigits: 3 });
  var PLAIN = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });
  var BYTES = ["B", "KB", "MB", "GB", "TB", "PB", "EB"];

  // A computed number: 3 significant figures, thousands separators ("69,400", "17.4", "0.0116").
  function sig(n) { return n === 0 ? "0" : SIG3.format(n); }
  // A number the user typed, echoed back as typed but with separators ("100,000,000", "3").
  function plain(n) { return PLAIN.format(n); }
  // Decimal byte units, as capacity estimates are written (1 KB = 1,000 B). Rounds before picking
  // the unit so 999.6 GB reads "1.00 TB", not "1,000 GB".
  function bytes(n, show) {
    show = show || sig;
    var i = 0, r = n === 0 ? 0 : Number(n.toPrecision(show === sig ? 3 : 6));
    while (r >= 1000 && i < BYTES.length - 1) { r /= 1000; i++; }
    return show(r) + " " + BYTES[i];
  }
  function percent(fraction) { return sig(fraction * 100) + "%"; }

  // One typed value: {value} or {error}, with a message a person can act on.
  function parse(name, text) {
    var rule = RULES[name], cleaned = String(text).replace(/[,_\s\u00a0\u202f]/g, "");
    if (cleaned === "") return { error: "Enter a number." };
    if (!NUMBER.test(cleaned)) return { error: "Not a number: use digits, e.g. 1,000." };
    var value = Number(cleaned);
    if (!isFinite(value)) return { error: "Too large." };
    if (rule.max !== undefined && (value < rule.min || value > rule.max)) {
      return { error: "Must be between " + rule.min + " and " + rule.max + "." };
    }
    if (value < rule.min) return { error: "Must be " + rule.min + " or more." };
    return { value: value };
  }

  // Every field at once: {values, errors}, errors keyed by field name.
  function validate(raw) {
    var values = {}, errors = {};
    Object.keys(RULES).forEach(function (name) {
      var result = parse(name, raw[name] === undefined ? "" : raw[name]);
      if (result.error) errors[name] = result.error; else values[name] = result.value;
    });
    if (!errors.reads && !errors.writes && values.reads + values.writes === 0) {
      errors.writes = "Reads and writes cannot both be 0.";
    }
    return { values: values, errors: errors };
  }

  function compute(v) {
    var r = {};
    r.writeShare = v.writes / (v.reads + v.writes);
    r.readsAvg = v.dau * v.reads / DAY;
    r.readsPeak = r.readsAvg * v.peak;
    r.writesAvg = v.dau * v.writes / DAY;
    r.writesPeak = r.writesAvg * v.peak;
    r.dbReadsPeak = r.readsPeak * (1 - v.cacheHit / 100);
    r.readBandwidthPeak = r.readsPeak * v.readSize;
    r.writeBandwidthPeak = r.writesPeak * v.writeSize;
    r.writesPerDay = v.dau * v.writes;
    r.storagePerDay = r.writesPerDay * v.writeSize;
    r.storageRetained = r.storagePerDay * v.retention * v.replication;
    return r;
  }

  // The working as {label, working} pairs; a line of text is label + " = " + working.
  function steps(v) {
    var r = compute(v), rps = " req/s";
    return [
      ["Write share", "writes ÷ (reads + writes) = " + plain(v.writes) + " ÷ (" + plain(v.reads) + " + " + plain(v.writes) + ") = " + percent(r.writeShare)],
      ["Reads/s average", "DAU × reads ÷ 86,400 = " + plain(v.dau) + " × " + plain(v.reads) + " ÷ 86,400 = " + sig(r.readsAvg) + rps],
      ["Reads/s peak", "average × peak factor = " + sig(r.readsAvg) + " × " + plain(v.peak) + " = " + sig(r.readsPeak) + rps],
      ["Writes/s average", "DAU × writes ÷ 86,400 = " + plain(v.dau) + " × " + plain(v.writes) + " ÷ 86,400 = " + sig(r.writesAvg) + rps],
      ["Writes/s peak", sig(r.writesAvg) + " × " + plain(v.peak) + " = " + sig(r.writesPeak) + rps],
      ["Database reads/s at peak", "peak reads × (1 − cache hit ratio) = " + sig(r.readsPeak) + " × (1 − " + plain(v.cacheHit) + "%) = " + sig(r.dbReadsPeak) + rps],
      ["Read bandwidth at peak", sig(r.readsPeak) + rps + " × " + bytes(v.readSize, plain) + " = " + bytes(r.readBandwidthPeak) + "/s"],
      ["Write bandwidth at peak", sig(r.writesPeak) + rps + " × " + bytes(v.writeSize, plain) + " = " + bytes(r.writeBandwidthPeak) + "/s"],
      ["Storage per day", "DAU × writes × write size = " + sig(r.writesPerDay) + " × " + bytes(v.writeSize, plain) + " = " + bytes(r.storagePerDay)],
      ["Storage over retention", "per day × days × replicas = " + bytes(r.storagePerDay) + " × " + plain(v.retention) + " × " + plain(v.replication) + " = " + bytes(r.storageRetained)]
    ].map(function (pair) { return { label: pair[0], working: pair[1], text: pair[0] + " = " + pair[1] }; });
  }

  window.sdprepEstimate = {
    fields: Object.keys(RULES), parse: parse, validate: validate, compute: compute, steps: steps,
    format: { sig: sig, plain: plain, bytes: bytes, percent: percent }
  };
})();

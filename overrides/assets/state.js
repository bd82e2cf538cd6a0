/* Keeps state labels true on the visitor's clock: a page built last week may still show a
   notice as active although it has since closed. Dates are compared as ISO strings (YYYY-MM-DD)
   in the registry's timezone; banner texts come from the page itself (data-banner-<state>),
   already in Chinese. Labels and the timezone come from the data the build writes into every page (#nb-site, from
   noticeboard.publish.script_data), never from a copy here. No dependencies. */
(function () {
  "use strict";
  var site = {};
  try {
    site = JSON.parse(document.getElementById("nb-site").textContent);
  } catch (e) {
    return; // a page without the build's data has no live labels either
  }
  var LABELS = site.labels || {};

  function todayIn(tz) {
    try {
      var parts = new Intl.DateTimeFormat("en-CA", {
        timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit"
      }).formatToParts(new Date());
      var p = {};
      parts.forEach(function (x) { p[x.type] = x.value; });
      return p.year + "-" + p.month + "-" + p.day;
    } catch (e) {
      // No Intl time zones on this browser: the board's offset on the day the site was built.
      return new Date(Date.now() + (site.utcOffsetMinutes || 0) * 60000).toISOString().slice(0, 10);
    }
  }

  // The same rules as noticeboard.lifecycle.date_state (dates inclusive).
  function stateOn(d, day) {
    if (d.state === "superseded") return "superseded";
    if (day < d.start) return null;
    if (!d.end) return (!d.expires || day <= d.expires) ? "standing" : "archived";
    if (day <= d.end) return "active";
    if (d.expires && day <= d.expires) return "closed";
    return "archived";
  }

  // For /search/ (search.js), which labels its results from their dates the same way.
  window.noticeboardLive = {
    stateOn: stateOn,
    today: function () { return todayIn(site.timezone); }
  };

  function update(label) {
    var d = label.dataset;
    var state = stateOn(d, todayIn(d.tz || site.timezone));
    var text = state && (label.getAttribute("data-label-" + state) || LABELS[state]);
    if (!state || state === d.state || !text) return state;
    label.classList.remove("nb-label--" + d.state);
    label.classList.add("nb-label--" + state);
    label.textContent = text;
    d.state = state;
    return state;
  }

  document.querySelectorAll("[data-nb-live]").forEach(update);

  document.querySelectorAll("[data-nb-status]").forEach(function (box) {
    var label = box.querySelector("[data-nb-live]");
    var banner = box.querySelector("[data-nb-banner]");
    if (!label || !banner || label.dataset.state === "superseded") return;
    var state = label.dataset.state;
    var text = box.getAttribute("data-banner-" + state) || "";
    if (banner.textContent === text) return;
    banner.textContent = text;
    banner.className = "nb-banner nb-banner--" + state;
    banner.hidden = !text;
  });

  document.querySelectorAll("[data-nb-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();

// Live coverage without a reload. Every half second an open page asks for the
// story's version: a few bytes, at an address shared by every reader for that half
// second (the "bucket"), so nginx answers nearly all of them and the app renders it
// once per change. Only when the version moves does the page fetch the updates, at
// an address per version that every reader shares too: a new update costs the
// server one render however many readers wait. New updates go straight to the top for a reader who is there;
// a reader who has scrolled into the coverage gets a button instead, so the text
// does not move under their eyes. Corrected and removed updates are replaced where
// they stand.
(function () {
  "use strict";
  var list = document.querySelector("[data-live-url]");
  if (!list || !window.fetch || !window.DOMParser) {
    return;
  }
  var url = list.getAttribute("data-live-url");
  var versionUrl = list.getAttribute("data-live-version-url");
  var version = list.getAttribute("data-live-version");
  var seconds = parseFloat(list.getAttribute("data-live-refresh")) || 1;
  var notice = document.querySelector(".live__new");
  var button = notice && notice.querySelector("button");
  var waiting = [];
  var timer = null;

  function hasScrolledIn() {
    return list.getBoundingClientRect().top < 0;
  }

  function showWaiting() {
    if (!button) {
      return;
    }
    button.textContent = button.getAttribute("data-label").replace("%(count)s", waiting.length);
    notice.hidden = waiting.length === 0;
  }

  function insertWaiting() {
    // Newest first: the waiting list is kept newest first too.
    for (var i = waiting.length - 1; i >= 0; i--) {
      list.insertBefore(waiting[i], list.firstChild);
    }
    waiting = [];
    showWaiting();
  }

  function merge(html) {
    var incoming = new DOMParser()
      .parseFromString("<ol>" + html + "</ol>", "text/html")
      .querySelectorAll("li.live-update");
    var fresh = [];
    Array.prototype.forEach.call(incoming, function (item) {
      var shown = document.getElementById(item.id);
      var held = waiting.filter(function (w) { return w.id === item.id; })[0];
      if (shown && shown.parentNode === list) {
        if (shown.getAttribute("data-version") !== item.getAttribute("data-version")) {
          list.replaceChild(document.importNode(item, true), shown);
        }
      } else if (held) {
        waiting[waiting.indexOf(held)] = document.importNode(item, true);
      } else {
        fresh.push(document.importNode(item, true));
      }
    });
    if (!fresh.length) {
      return;
    }
    waiting = fresh.concat(waiting);
    if (hasScrolledIn()) {
      showWaiting();
    } else {
      insertWaiting();
    }
  }

  function pace(response) {
    var asked = parseFloat(response.headers.get("X-Newsline-Refresh"));
    if (asked === 0) {
      seconds = 0; // the coverage has ended
    } else if (asked > 0) {
      seconds = asked;
    }
  }

  function fetchUpdates(latest) {
    return fetch(url + "?v=" + encodeURIComponent(latest), { credentials: "omit" })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html !== null) {
          merge(html);
          version = latest;
        }
      });
  }

  function poll() {
    window.clearTimeout(timer);
    if (document.hidden) {
      return;
    }
    var bucket = Math.floor(Date.now() / (seconds * 1000));
    fetch(versionUrl + "?bucket=" + bucket, { credentials: "omit" })
      .then(function (response) {
        pace(response);
        return response.ok ? response.text() : null;
      })
      .then(function (latest) {
        latest = latest && latest.trim();
        if (latest && latest !== version) {
          return fetchUpdates(latest);
        }
      })
      .catch(function () {})
      .then(function () {
        if (seconds > 0) {
          timer = window.setTimeout(poll, seconds * 1000);
        }
      });
  }

  if (button) {
    button.addEventListener("click", function () {
      insertWaiting();
      list.scrollIntoView({ block: "start" });
      var first = list.querySelector("li");
      if (first) {
        first.setAttribute("tabindex", "-1");
        first.focus({ preventScroll: true });
      }
    });
  }
  window.addEventListener("scroll", function () {
    if (waiting.length && !hasScrolledIn()) {
      insertWaiting();
    }
  }, { passive: true });
  document.addEventListener("visibilitychange", poll);
  timer = window.setTimeout(poll, seconds * 1000);
})();

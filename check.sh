#!/bin/sh
# skewcheck's command-line check: is THIS machine's clock right enough for signed requests?
# The same reference and the same verdict as the page it comes from (docs/check-script.md).
#
#   curl -fsS https://<base>/check.sh | sh -s -- https://<base>/ [options]
#   sh check.sh https://<base>/ [--service ID] [--limit SECONDS] [--ref TICKET] [--label NAME]
#
# Exit status: 0 ok, 1 warning, 2 rejected, 3 could not measure (or bad arguments).
# Machine lines on stdout: offset_ms= uncertainty_ms= service= verdict= link=
# POSIX sh (dash, bash, BusyBox sh); curl, or wget when there is no curl; no root.
set -u
LC_ALL=C
export LC_ALL

# BEGIN GENERATED catalogue: from skewcheck-core (crates/skewcheck-core/src/verdict/).
# Do not edit by hand; update with: SKEWCHECK_BLESS=1 cargo test -p skewcheck-core check_sh
default_service='s3'
service_ids='s3 aws azure-sharedkey azure-sas gcs google-oauth kerberos totp jwt tls'
# Sets ahead_ms and behind_ms (empty: that side does not matter) and name for service $1.
service_tolerance() {
  case $1 in
    s3) ahead_ms=900000 behind_ms=900000 name='Amazon S3' ;;
    aws) ahead_ms=300000 behind_ms=300000 name='Other AWS services (STS, EC2, API Gateway, …)' ;;
    azure-sharedkey) ahead_ms=900000 behind_ms=900000 name='Azure Storage (Shared Key)' ;;
    azure-sas) ahead_ms=0 behind_ms= name='Azure Storage SAS with a start time' ;;
    gcs) ahead_ms=900000 behind_ms=900000 name='Google Cloud Storage signed URLs' ;;
    google-oauth) ahead_ms=300000 behind_ms=3600000 name='Google OAuth service accounts (JWT bearer)' ;;
    kerberos) ahead_ms=300000 behind_ms=300000 name='Kerberos (Active Directory sign-in)' ;;
    totp) ahead_ms=30000 behind_ms=30000 name='Authenticator codes (TOTP)' ;;
    jwt) ahead_ms=0 behind_ms=0 name='JWT validation (no leeway)' ;;
    tls) ahead_ms= behind_ms=3600000 name='Secure websites (TLS certificates)' ;;
    *) return 1 ;;
  esac
}
# Room required before "ok" on a side with limit L: min(safety_margin_ms, L / margin_divisor).
safety_margin_ms=60000
margin_divisor=5
custom_id='custom'
limit_infix='-limit-'
max_limit_s=31536000
max_ticket_chars=64
max_label_chars=40
compact_prefix='R1/'
compact_platform='CLI'
compact_date_kind='D'
permalink_budget=400
# END GENERATED catalogue

# ---------------------------------------------------------------------------------------
# Messages and exits.

say() { printf '%s\n' "$*"; }
# Could not measure: a clear message, never a verdict.
cannot_measure() {
  printf 'skewcheck: could not measure: %s\n' "$*" >&2
  say "verdict=unknown"
  exit 3
}
usage_error() {
  printf 'skewcheck: %s\n' "$*" >&2
  printf 'usage: sh check.sh https://<base>/ [--service ID] [--limit SECONDS] [--ref TICKET] [--label NAME]\n' >&2
  printf 'services: %s\n' "$service_ids" >&2
  exit 3
}

# ---------------------------------------------------------------------------------------
# Arguments. Everything from outside is checked or cleaned before it is used or printed.

# Text cleaned to A-Z a-z 0-9 . _ - (anything else becomes one -), at most $2 chars.
clean_word() {
  printf '%s' "$1" | tr -c 'A-Za-z0-9._-' '-' | tr -s '-' | cut -c "1-$2"
}

# A decimal number of seconds (up to 3 decimals) in ms, or nothing.
seconds_to_ms() {
  case $1 in
    '' | *[!0-9.]* | *.*.* | .* | *.) return 1 ;;
  esac
  s_whole=${1%%.*}
  s_frac=
  case $1 in *.*) s_frac=${1#*.} ;; esac
  [ ${#s_frac} -le 3 ] && [ ${#s_whole} -le 9 ] || return 1
  s_frac=$(printf '%s000' "$s_frac" | cut -c 1-3)
  s_whole=$(strip_zeros "$s_whole")
  s_frac=$(strip_zeros "$s_frac")
  [ "$s_whole" -le "$max_limit_s" ] || return 1
  ms=$((s_whole * 1000 + s_frac))
  [ "$ms" -le $((max_limit_s * 1000)) ] || return 1
  printf '%s' "$ms"
}

# Decimal digits without leading zeros (shell arithmetic reads 08 as octal).
strip_zeros() {
  z=$1
  while [ ${#z} -gt 1 ] && [ "${z#0}" != "$z" ]; do z=${z#0}; done
  printf '%s' "$z"
}

# An http(s) URL of plain characters only (no quotes, spaces or shell specials).
plain_url() {
  case $1 in
    http://?* | https://?*) ;;
    *) return 1 ;;
  esac
  case $1 in
    *[!A-Za-z0-9._~:/?\&=%+,@\[\]-]*) return 1 ;;
  esac
  [ ${#1} -le 2000 ]
}

base=
service_opt=
limit_opt=
ticket=
label_given=
label=
assess_mode=
while [ $# -gt 0 ]; do
  case $1 in
    --service | --limit | --ref | --label)
      [ $# -ge 2 ] || usage_error "$1 needs a value"
      case $1 in
        --service) service_opt=$2 ;;
        --limit) limit_opt=$2 ;;
        --ref) ticket=$(clean_word "$2" "$max_ticket_chars") ;;
        --label) label=$(clean_word "$2" "$max_label_chars") label_given=1 ;;
      esac
      shift 2
      ;;
    --assess) assess_mode=1; shift ;;
    -h | --help) usage_error "checks this machine's clock against the skewcheck page at <base>" ;;
    -*) usage_error "unknown option: $(clean_word "$1" 40)" ;;
    *)
      [ -z "$base" ] || usage_error "one base address only"
      base=$1
      shift
      ;;
  esac
done

# The service: --service, changed by --limit; --limit alone is a service of your own.
pick_service() {
  service=${1:-}
  limit_ms=
  if [ -n "${2:-}" ]; then
    limit_ms=$(seconds_to_ms "$2") || usage_error "--limit takes seconds from 0 to $max_limit_s"
  fi
  if [ -n "$service" ]; then
    service=$(printf '%s' "$service" | tr 'A-Z' 'a-z')
    service_tolerance "$service" || usage_error "unknown service: $(clean_word "$1" 40)"
  elif [ -n "$limit_ms" ]; then
    service=$custom_id
    ahead_ms=$limit_ms behind_ms=$limit_ms name='your service'
  else
    service=$default_service
    service_tolerance "$service"
  fi
  report_id=$service
  if [ -n "$limit_ms" ]; then
    # A side the service does not limit stays unlimited (as Service::with_limit).
    [ -n "$ahead_ms" ] && ahead_ms=$limit_ms
    [ -n "$behind_ms" ] && behind_ms=$limit_ms
    [ "$service" = "$custom_id" ] || name="$name (limit set by this check)"
    report_id="$service$limit_infix$limit_ms"
  fi
}

# ---------------------------------------------------------------------------------------
# The verdict, as the core's verdict::assess: a service accepts -behind <= offset <= ahead.
# Rejected only when the whole interval [lower, upper] is beyond a limit; ok only when it is
# inside with the margin to spare on every limited side; warning for everything between.
assess() {
  a_lower=$1 a_upper=$2
  a_rejected= a_tight=
  if [ -n "$ahead_ms" ]; then
    a_room=$((ahead_ms - a_upper))
    [ "$a_lower" -gt "$ahead_ms" ] && a_rejected=1
    margin_ok "$a_room" "$ahead_ms" || a_tight=1
  fi
  if [ -n "$behind_ms" ]; then
    a_room=$((a_lower + behind_ms))
    [ "$a_upper" -lt $((-behind_ms)) ] && a_rejected=1
    margin_ok "$a_room" "$behind_ms" || a_tight=1
  fi
  if [ -n "$a_rejected" ]; then
    verdict=rejected
  elif [ -n "$a_tight" ]; then
    verdict=warning
  else
    verdict=ok
  fi
}
# room >= min(safety_margin_ms, limit / margin_divisor), in whole numbers.
margin_ok() {
  [ "$1" -ge "$safety_margin_ms" ] || [ $(($1 * margin_divisor)) -ge "$2" ]
}

# Testing: lines "SERVICE|- LIMIT_S|- LOWER_MS UPPER_MS" on stdin, one verdict each.
if [ -n "$assess_mode" ]; then
  while read -r a_service a_limit a_low a_up; do
    [ "$a_service" = - ] && a_service=
    [ "$a_limit" = - ] && a_limit=
    pick_service "$a_service" "$a_limit"
    assess "$a_low" "$a_up"
    say "$verdict"
  done
  exit 0
fi

[ -n "$base" ] || usage_error "the page's base address comes first, e.g. https://clock.example.com/"
plain_url "$base" || usage_error "not an http(s) address of plain characters: $(clean_word "$base" 80)"
case $base in */) ;; *) base="$base/" ;; esac
scheme=${base%%://*}
after_scheme=${base#*://}
authority=${after_scheme%%/*}
authority=${authority##*@}
origin="$scheme://$authority"

if [ -z "$label_given" ]; then
  label=$(hostname 2>/dev/null || uname -n 2>/dev/null || cat /proc/sys/kernel/hostname 2>/dev/null)
  label=$(clean_word "$label" "$max_label_chars")
fi

# ---------------------------------------------------------------------------------------
# Requests: curl, else wget. Headers come back on stdout, CR removed.

if command -v curl >/dev/null 2>&1; then
  client=curl
elif command -v wget >/dev/null 2>&1; then
  client=wget
  # GNU wget has a timeout option; BusyBox's has none, so `timeout` (coreutils', or BusyBox's
  # own applet) bounds it where there is one: a host that accepts and never answers must
  # end in exit 3, not hang a cron job.
  wget_limit=none
  if wget --help 2>&1 | grep -q -- '--timeout'; then
    wget_limit=option
  elif command -v timeout >/dev/null 2>&1; then
    wget_limit=timeout
  fi
else
  cannot_measure "neither curl nor wget is installed"
fi

# wget with the arguments after $1, given up after $1 seconds where this system can.
wget_within() {
  w_seconds=$1
  shift
  case $wget_limit in
    option) wget -T "$w_seconds" "$@" ;;
    timeout) timeout "$w_seconds" wget "$@" ;;
    *) wget "$@" ;;
  esac
}

# The response headers of $1 (HEAD; GET when HEAD is refused or says no Date).
fetch_headers() {
  if [ "$client" = curl ]; then
    f_out=$(curl -sS -I -m 10 -H 'Cache-Control: no-cache' -A 'skewcheck-check.sh' "$1" 2>/dev/null | tr -d '\r')
    case $f_out in
      HTTP/*\ 405* | HTTP/*\ 501* | '') f_out=$(curl -sS -m 10 -o /dev/null -D - -H 'Cache-Control: no-cache' -A 'skewcheck-check.sh' "$1" 2>/dev/null | tr -d '\r') ;;
    esac
  else
    f_out=$(wget_within 10 -q -S -O /dev/null --header='Cache-Control: no-cache' -U 'skewcheck-check.sh' "$1" 2>&1 | tr -d '\r' | sed 's/^[[:space:]]*//')
  fi
  printf '%s\n' "$f_out"
}

# The body of $1, at most 64 KiB, or nothing (failed, 4xx/5xx).
fetch_body() {
  if [ "$client" = curl ]; then
    curl -fsS -m 5 -H 'Cache-Control: no-cache' -A 'skewcheck-check.sh' "$1" 2>/dev/null | head -c 65536
  else
    wget_within 5 -q -O - --header='Cache-Control: no-cache' -U 'skewcheck-check.sh' "$1" 2>/dev/null | head -c 65536
  fi
}

# The value of header $2 (a case-blind pattern: [Dd][Aa][Tt][Ee]) in headers $1, the last
# one (after a 100 Continue), or nothing.
header_value() {
  printf '%s\n' "$1" | sed -n "s/^$2:[[:space:]]*//p" | tail -n 1
}

# ---------------------------------------------------------------------------------------
# Reference: the endpoint skewcheck.json names, else the page host's Date header.
#
# The file is parsed minimally: exactly one top-level-looking "endpoint": "<plain URL>" (a key
# after { or , in valid JSON cannot be inside a string, since a raw " ends a string). Escapes,
# several matches or an unusable value: the page host's Date header, and this says so.

reference_url=$base
reference_note="the page host's HTTP Date header"
site_file=$(fetch_body "${base}skewcheck.json" | tr -d '\r\n')
if [ -n "$site_file" ]; then
  keys=$(printf '%s\n' "$site_file" | grep -o '[{,][[:space:]]*"endpoint"[[:space:]]*:[[:space:]]*"[^"\\]*"' )
  if [ -n "$keys" ]; then
    if [ "$(printf '%s\n' "$keys" | wc -l)" -eq 1 ]; then
      endpoint=$(printf '%s' "$keys" | sed 's/.*:[[:space:]]*"\([^"]*\)"$/\1/')
      case $endpoint in
        http://* | https://*) candidate=$endpoint ;;
        //*) candidate="$scheme:$endpoint" ;;
        /*) candidate="$origin$endpoint" ;;
        *) candidate="$base$endpoint" ;;
      esac
      if ! plain_url "$candidate"; then
        reference_note="the page host's HTTP Date header (skewcheck.json names an endpoint this script cannot use)"
      elif [ "$scheme" = https ] && [ "${candidate%%://*}" = http ]; then
        reference_note="the page host's HTTP Date header (skewcheck.json names a plain-http endpoint, which the https page cannot use either)"
      else
        reference_url=$candidate
        reference_note="the HTTP Date header of the time source skewcheck.json names (the script does not read its body)"
      fi
    else
      reference_note="the page host's HTTP Date header (skewcheck.json names several endpoints; this script cannot tell which)"
    fi
  elif printf '%s' "$site_file" | grep -q '"endpoint"'; then
    reference_note="the page host's HTTP Date header (this script cannot read skewcheck.json's endpoint)"
  fi
  if [ -z "$service_opt" ] && [ -z "$limit_opt" ]; then
    file_service=$(printf '%s\n' "$site_file" | grep -o '[{,][[:space:]]*"service"[[:space:]]*:[[:space:]]*"[a-z0-9-]*"' | sed 's/.*"\([a-z0-9-]*\)"$/\1/')
    if [ -n "$file_service" ] && [ "$(printf '%s\n' "$file_service" | wc -l)" -eq 1 ] && service_tolerance "$file_service"; then
      service_opt=$file_service
    fi
  fi
fi
pick_service "$service_opt" "$limit_opt"
ref_after_scheme=${reference_url#*://}
reference_host=${ref_after_scheme%%[/?#]*}
reference_host=${reference_host##*@}

# ---------------------------------------------------------------------------------------
# Clocks. GNU date has nanoseconds (+%N); BusyBox and BSD date do not (they print "%N" or
# "N"), and then every reading is a whole second.

now_ns=$(date +%s%N 2>/dev/null)
case $now_ns in
  '' | *[!0-9]*) subsecond= ;;
  *) if [ ${#now_ns} -ge 19 ]; then subsecond=1; else subsecond=; fi ;;
esac

# The wall clock in ms, rounded down (a reading at t ms means the truth is in [t, t + 1)).
now_ms() {
  if [ -n "$subsecond" ]; then
    n=$(date +%s%N)
    printf '%s' "${n%??????}"
  else
    printf '%s' "$(($(date +%s) * 1000))"
  fi
}

# Epoch seconds of an IMF-fixdate ("Tue, 01 Dec 2026 12:58:41 GMT", RFC 9110 §5.6.7), or
# failure for anything else.
date_seconds() {
  case $1 in
    [A-Z][a-z][a-z],\ [0-9][0-9]\ [A-Z][a-z][a-z]\ [0-9][0-9][0-9][0-9]\ [0-9][0-9]:[0-9][0-9]:[0-9][0-9]\ GMT) ;;
    *) return 1 ;;
  esac
  # shellcheck disable=SC2086
  set -- $1
  d_day=$(strip_zeros "$2")
  case $3 in
    Jan) d_mon=1 ;; Feb) d_mon=2 ;; Mar) d_mon=3 ;; Apr) d_mon=4 ;; May) d_mon=5 ;; Jun) d_mon=6 ;;
    Jul) d_mon=7 ;; Aug) d_mon=8 ;; Sep) d_mon=9 ;; Oct) d_mon=10 ;; Nov) d_mon=11 ;; Dec) d_mon=12 ;;
    *) return 1 ;;
  esac
  d_year=$(strip_zeros "$4")
  d_time=$5
  d_h=$(strip_zeros "${d_time%%:*}")
  d_rest=${d_time#*:}
  d_m=$(strip_zeros "${d_rest%%:*}")
  d_s=$(strip_zeros "${d_rest#*:}")
  [ "$d_day" -ge 1 ] && [ "$d_day" -le 31 ] && [ "$d_h" -le 23 ] && [ "$d_m" -le 59 ] && [ "$d_s" -le 60 ] || return 1
  # Days from 1970-01-01 to the civil date (H. Hinnant's days_from_civil, for years >= 0).
  d_y=$d_year
  [ "$d_mon" -le 2 ] && d_y=$((d_y - 1))
  d_era=$((d_y / 400))
  d_yoe=$((d_y - d_era * 400))
  if [ "$d_mon" -gt 2 ]; then d_mp=$((d_mon - 3)); else d_mp=$((d_mon + 9)); fi
  d_doy=$(((153 * d_mp + 2) / 5 + d_day - 1))
  d_doe=$((d_yoe * 365 + d_yoe / 4 - d_yoe / 100 + d_doy))
  d_days=$((d_era * 146097 + d_doe - 719468))
  printf '%s' "$((d_days * 86400 + d_h * 3600 + d_m * 60 + d_s))"
}

# ---------------------------------------------------------------------------------------
# One sample, and the offsets it allows (RFC 5905 §8 adapted to HTTP, as the core's
# crates/skewcheck-core/src/sample.rs). NTP's four timestamps t0 (send), t1 = t2 = R (the
# server's one reading) and t3 (receive) give offset θ = ((t1 − t0) + (t2 − t3)) / 2 with
# the truth in θ ± δ/2, δ = t3 − t0. Here, device minus reference (positive = fast), as an
# interval that carries every doubt:
#
#   R ∈ [D, D + 1000)                the Date header says whole seconds D (in ms)
#   device time at that instant ∈ [t0, t3 + 1)     (readings rounded down to the ms)
#   offset ∈ [t0 − (D + 1000), t3 + 1 − D]
#
# Without a sub-second clock t0 and t3 are whole seconds s0, s3, so the device time lies in
# [s0, s3 + 1000) and the offset in [s0 − D − 1000, s3 + 1000 − D]: at least ± 1 s, honestly.
# Samples are intersected (every one contains the truth, so their intersection does). There
# is no monotonic clock in sh: a clock set during the check shows as samples that disagree
# (an empty intersection), and the check then refuses to give a number.

samples=0
lower=
upper=
rtt=0
take_sample() {
  s_busted=$reference_url
  case $s_busted in *\?*) s_busted="$s_busted&" ;; *) s_busted="$s_busted?" ;; esac
  t0=$(now_ms)
  s_headers=$(fetch_headers "${s_busted}skewcheck=$t0$samples")
  t3=$(now_ms)
  case $s_headers in
    HTTP/*) ;;
    *) cannot_measure "no answer from $reference_host ($reference_url): it is unreachable, or refused the request" ;;
  esac
  s_date=$(header_value "$s_headers" '[Dd][Aa][Tt][Ee]')
  [ -n "$s_date" ] || cannot_measure "$reference_host answered without a Date header"
  s_age=$(header_value "$s_headers" '[Aa][Gg][Ee]')
  case $s_age in
    '' | 0) ;;
    *) cannot_measure "a cache answered for $reference_host (Age: $(clean_word "$s_age" 20)): its Date header is not the time now" ;;
  esac
  s_seconds=$(date_seconds "$s_date") || cannot_measure "$reference_host sent a Date header this script cannot read: $(clean_word "$s_date" 60)"
  s_d=$((s_seconds * 1000))
  if [ -n "$subsecond" ]; then
    s_lower=$((t0 - s_d - 1000))
    s_upper=$((t3 + 1 - s_d))
  else
    s_lower=$((t0 - s_d - 1000))
    s_upper=$((t3 + 1000 - s_d))
  fi
  rtt=$((t3 - t0))
  samples=$((samples + 1))
  if [ -z "$lower" ] || [ "$s_lower" -gt "$lower" ]; then lower=$s_lower; fi
  if [ -z "$upper" ] || [ "$s_upper" -lt "$upper" ]; then upper=$s_upper; fi
  [ "$lower" -le "$upper" ] || cannot_measure "the readings disagree: this machine's clock was changed during the check, or several servers with different clocks answer for $reference_host"
}

# ms as seconds for sleep (0.123).
as_seconds() { printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)); }

take_sample
if [ -n "$subsecond" ]; then
  # Bisect the Date header's tick, as the page does: aim the next request so that the server
  # reads its clock just as its second turns, were the offset the interval's midpoint m.
  # The server's second S turns at device time S·1000 + offset; a reading taken then says S
  # when the offset is below m (the tick came before: upper bound ≈ m + rtt/2) and S − 1
  # when above (lower bound ≈ m − rtt/2). Each round halves the interval until it is about
  # one round trip wide; whatever the answer, the sample's own interval holds the truth.
  rounds=0
  stale=0
  while [ "$rounds" -lt 10 ] && [ $((upper - lower)) -gt 100 ] && [ "$stale" -lt 3 ]; do
    width=$((upper - lower))
    mid=$(((lower + upper) / 2))
    now=$(now_ms)
    # Device time of the next server tick after now + 30 ms, minus half a round trip.
    server_now=$((now + 30 + rtt / 2 - mid))
    tick=$(((server_now / 1000 + 1) * 1000))
    send_at=$((tick + mid - rtt / 2))
    wait_ms=$((send_at - now))
    [ "$wait_ms" -gt 0 ] && sleep "$(as_seconds "$wait_ms")" 2>/dev/null
    take_sample
    if [ $((upper - lower)) -ge "$width" ]; then stale=$((stale + 1)); fi
    rounds=$((rounds + 1))
  done
else
  take_sample
fi

# The interval's midpoint and half-width, rounded outwards so the printed interval
# offset_ms ± uncertainty_ms still contains [lower, upper].
offset=$(((lower + upper) / 2))
if [ $((offset - lower)) -gt $((upper - offset)) ]; then
  uncertainty=$((offset - lower))
else
  uncertainty=$((upper - offset))
fi
assess $((offset - uncertainty)) $((offset + uncertainty))
device_ms=$t3
measured_at=$((device_ms - offset))

# ---------------------------------------------------------------------------------------
# Words.

# |ms| as people say it, rounded to its last unit: 450 ms, 3.2 s, 16 min 30 s, 2 h 5 min,
# 3 d 4 h.
duration_words() {
  w=$1
  [ "$w" -lt 0 ] && w=$((-w))
  if [ "$w" -lt 1000 ]; then
    printf '%s ms' "$w"
  elif [ "$w" -lt 60000 ]; then
    w=$(((w + 50) / 100))
    printf '%d.%d s' $((w / 10)) $((w % 10))
  elif [ "$w" -lt 3600000 ]; then
    w=$(((w + 500) / 1000))
    printf '%d min %d s' $((w / 60)) $((w % 60))
  elif [ "$w" -lt 86400000 ]; then
    w=$(((w + 30000) / 60000))
    printf '%d h %d min' $((w / 60)) $((w % 60))
  else
    w=$(((w + 1800000) / 3600000))
    printf '%d d %d h' $((w / 24)) $((w % 24))
  fi
}

if [ "$offset" -gt 0 ]; then
  direction="$(duration_words "$offset") fast"
elif [ "$offset" -lt 0 ]; then
  direction="$(duration_words "$offset") slow"
else
  direction="right"
fi
say "This machine's clock is $direction (± $(duration_words "$uncertainty")), measured against $reference_note: $reference_host."
[ -n "$subsecond" ] || say "This shell's date has no sub-second clock, so the result is only good to about ± 1 s."
case $verdict in
  ok) say "$name: OK, signed requests from this machine are accepted with room to spare." ;;
  warning) say "$name: WARNING, this clock is close to the limit (or the check cannot tell which side of it the clock is): fix it." ;;
  rejected) say "$name: REJECTED, signed requests from this machine are refused." ;;
esac

# ---------------------------------------------------------------------------------------
# The fix for this machine.

if [ "$verdict" != ok ]; then
  say ""
  say "To fix this machine's clock:"
  fixed=
  if grep -qi microsoft /proc/version 2>/dev/null; then
    say "- Inside WSL 2 (its clock stops while Windows sleeps): run  sudo hwclock -s  here, or from Windows  wsl --shutdown  and open WSL again."
    fixed=1
  fi
  if [ -f /.dockerenv ] || [ -f /run/.containerenv ]; then
    say "- Inside a container: it uses its host's clock; fix that one. With Docker Desktop (macOS, Windows) the host is its Linux VM: restart Docker Desktop (or: docker run --rm --privileged alpine hwclock -s)."
    fixed=1
  fi
  if [ "$(uname -s 2>/dev/null)" = Darwin ]; then
    say "- macOS: sudo sntp -sS time.apple.com  (and System Settings > General > Date & Time > Set time and date automatically)."
    fixed=1
  fi
  if command -v chronyc >/dev/null 2>&1; then
    say "- chrony: sudo chronyc makestep  then check with  chronyc tracking"
    fixed=1
  elif command -v timedatectl >/dev/null 2>&1; then
    say "- systemd-timesyncd: sudo timedatectl set-ntp true  then check with  timedatectl timesync-status  (or timedatectl status: \"System clock synchronized: yes\")"
    fixed=1
  fi
  if command -v ntpd >/dev/null 2>&1 || command -v ntpq >/dev/null 2>&1; then
    say "- ntpd: stop the service, run  sudo ntpd -gq  once, then start it again (a big offset needs -g)."
    fixed=1
  fi
  if [ -z "$fixed" ]; then
    say "- Turn on network time (NTP) for this machine, or set the clock from a reliable source once, e.g.  sudo date -u -s \"\$(curl -sI https://www.google.com | sed -n 's/^[Dd]ate: //p')\""
  fi
  say "- A virtual machine: turn on the hypervisor's time sync (VMware Tools, Hyper-V time synchronization, VirtualBox Guest Additions), especially after restoring a snapshot."
fi

# ---------------------------------------------------------------------------------------
# The permalink, in the core's compact R1 format (crates/skewcheck-core/src/report/compact.rs):
# #R1/t/d/o/u/platform/service/source kind/source host/ref/service name/label, numbers in
# upper-case base 36 (- before a negative one), text with every character outside
# 0-9 A-Z . - (and : in the host) as %XX. Cleaned text is A-Z a-z 0-9 . _ -, so only lower
# case and _ need escaping.

base36() {
  b_n=$1
  b_sign=
  if [ "$b_n" -lt 0 ]; then b_sign=-; b_n=$((-b_n)); fi
  b_out=
  while :; do
    b_d=$((b_n % 36))
    b_out=$(printf '%s' '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ' | cut -c $((b_d + 1)))$b_out
    b_n=$((b_n / 36))
    [ "$b_n" -eq 0 ] && break
  done
  printf '%s%s' "$b_sign" "$b_out"
}

escaped() {
  printf '%s' "$1" | sed -e 's/%/%25/g' -e 's/_/%5F/g' -e 's/\[/%5B/g' -e 's/\]/%5D/g' \
    -e 's/a/%61/g' -e 's/b/%62/g' -e 's/c/%63/g' -e 's/d/%64/g' -e 's/e/%65/g' -e 's/f/%66/g' \
    -e 's/g/%67/g' -e 's/h/%68/g' -e 's/i/%69/g' -e 's/j/%6A/g' -e 's/k/%6B/g' -e 's/l/%6C/g' \
    -e 's/m/%6D/g' -e 's/n/%6E/g' -e 's/o/%6F/g' -e 's/p/%70/g' -e 's/q/%71/g' -e 's/r/%72/g' \
    -e 's/s/%73/g' -e 's/t/%74/g' -e 's/u/%75/g' -e 's/v/%76/g' -e 's/w/%77/g' -e 's/x/%78/g' \
    -e 's/y/%79/g' -e 's/z/%7A/g'
}

permalink() {
  p_host=$(escaped "$(printf '%s' "$reference_host" | tr 'a-z' 'A-Z')")
  p_fields="$(base36 "$measured_at")/$(base36 "$device_ms")/$(base36 "$offset")/$(base36 "$uncertainty")"
  p_fields="$p_fields/$compact_platform/$(printf '%s' "$report_id" | tr 'a-z' 'A-Z')/$compact_date_kind/$p_host"
  p_tail="$(escaped "$ticket")//$(escaped "$label")"
  # Trailing empty fields are left out.
  while :; do
    case $p_tail in
      */) p_tail=${p_tail%/} ;;
      *) break ;;
    esac
  done
  if [ -n "$p_tail" ]; then
    printf '%s#%s%s/%s' "$base" "$compact_prefix" "$p_fields" "$p_tail"
  else
    printf '%s#%s%s' "$base" "$compact_prefix" "$p_fields"
  fi
}
link=$(permalink)
# Within the QR budget: the label gives way first, then the ticket.
while [ ${#link} -gt "$permalink_budget" ] && [ -n "$label$ticket" ]; do
  if [ -n "$label" ]; then label=${label%?}; else ticket=${ticket%?}; fi
  link=$(permalink)
done

say ""
say "Open the result on the page (send it to support): $link"
say "offset_ms=$offset"
say "uncertainty_ms=$uncertainty"
say "service=$report_id"
say "verdict=$verdict"
say "link=$link"
case $verdict in
  ok) exit 0 ;;
  warning) exit 1 ;;
  *) exit 2 ;;
esac

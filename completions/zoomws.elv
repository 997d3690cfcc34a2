
use builtin;
use str;

set edit:completion:arg-completer[zoomws] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'zoomws'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'zoomws'= {
            cand --color 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)'
            cand -v 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
            cand --verbose 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
            cand -q 'Print only errors on stderr'
            cand --quiet 'Print only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand tail 'Connect to the event subscription and print events as they arrive'
            cand mock 'Run a local Zoom emulator (token and WebSocket endpoints) for zoomws or your own code'
            cand demo 'Run the emulator in-process and tail it: see zoomws work without a Zoom account'
            cand doctor 'Check each step from settings to heartbeat, and say what to fix when one fails'
            cand config 'Show the settings in effect, or write a profile file to start from'
            cand completions 'Print a completion script for your shell (see the README for where to put it)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'zoomws;tail'= {
            cand --account-id 'Account ID of the Server-to-Server OAuth app'
            cand --client-id 'Client ID of the Server-to-Server OAuth app'
            cand --client-secret 'Client secret of the app (prefer the environment or .env: flags show in `ps`)'
            cand --client-secret-file 'Read the client secret from this file (trailing newline ignored), e.g. a mounted secret'
            cand --subscription-id 'Event subscription ID (also taken from a --ws-url that carries `subscriptionId`)'
            cand --oauth-url 'Token endpoint [default: https://zoom.us/oauth/token; with --gov, https://zoomgov.com/oauth/token]'
            cand --ws-url 'WebSocket endpoint, as shown on the subscription page [default: wss://ws.zoom.us/ws; with --gov, wss://ws.zoomgov.com/ws]'
            cand --env-file 'Read settings from this file instead of ./.env'
            cand --profile 'Use this profile of the config file (`zoomws config init` writes one to start from)'
            cand -o 'How to print each event'
            cand --output 'How to print each event'
            cand --template 'Print a line per event from TEXT, e.g. ''{event} {payload.object.topic} {@lag}'' (implies --output template; see "Templates" in the README)'
            cand --jq 'Print what a jq expression makes of each event, as compact JSON lines'
            cand -e 'Only events matching PATTERN (globs like `meeting.*`; repeat or separate with commas)'
            cand --event 'Only events matching PATTERN (globs like `meeting.*`; repeat or separate with commas)'
            cand -x 'Leave out events matching PATTERN (globs; repeat or separate with commas)'
            cand --exclude-event 'Leave out events matching PATTERN (globs; repeat or separate with commas)'
            cand --filter 'Only events for which this jq expression is truthy, e.g. ''.payload.object.topic | test("standup"; "i")''; repeated filters must all hold'
            cand --timestamps 'How the pretty output shows the time of each event'
            cand --lag-warn 'Show how late an event arrived (receive time minus event_ts) when at least this late'
            cand -n 'Exit after printing N events'
            cand --count 'Exit after printing N events'
            cand --timeout 'Stop after DURATION (e.g. 30s, 5m); exit 124 if --count was not reached by then'
            cand --heartbeat-interval 'Send a heartbeat this often'
            cand --heartbeat-timeout 'Declare the link dead when nothing arrives this long after a heartbeat'
            cand --backoff-initial 'First delay before reconnecting; it doubles (with jitter) up to --backoff-max'
            cand --backoff-max 'Longest delay between reconnection attempts'
            cand --connect-timeout 'Give up on a connection or token request that takes longer than this'
            cand --max-retries 'Exit (code 1) after N failed attempts in a row, instead of retrying forever'
            cand --backlog-warn 'Warn when this many events are waiting for a slow reader of stdout'
            cand --proxy 'Reach Zoom through this HTTP proxy, http://[USER:PASSWORD@]HOST:PORT (default: HTTPS_PROXY, then ALL_PROXY)'
            cand --no-proxy 'Hosts reached without the proxy, comma-separated: `zoom.us`, `.corp.example`, `10.0.0.0/8`, `*` for all (default: NO_PROXY)'
            cand --ca-cert 'Also trust the CA certificates in this PEM file, besides the system''s (for a TLS-inspecting proxy or a private gateway)'
            cand --color 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)'
            cand --gov 'Zoom for Government: default to https://zoomgov.com/oauth/token and wss://ws.zoomgov.com/ws. Zoom does not document the WebSocket host (it is inferred), so copy the endpoint URL from your subscription page into --ws-url'
            cand --json 'Print each event as one line of JSON, exactly as Zoom sent it (short for --output json)'
            cand -r 'With --jq, print strings as plain text rather than JSON (like jq -r); control characters stay escaped, so each value is one line'
            cand --raw-output 'With --jq, print strings as plain text rather than JSON (like jq -r); control characters stay escaped, so each value is one line'
            cand --stats 'On exit, print counts by event type, reconnects, heartbeat round trips and lag to stderr (SIGUSR1 prints them at any time, with or without --stats)'
            cand -v 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
            cand --verbose 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
            cand -q 'Print only errors on stderr'
            cand --quiet 'Print only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'zoomws;mock'= {
            cand --port 'Port to listen on (0 picks a free one)'
            cand --tls-cert 'Serve https:// and wss:// with this PEM certificate chain (needs --tls-key)'
            cand --tls-key 'The PEM private key of --tls-cert'
            cand --account-id 'Account ID the emulator accepts'
            cand --client-id 'Client ID the emulator accepts'
            cand --client-secret 'Client secret the emulator accepts'
            cand --subscription-id 'Subscription ID the emulator serves'
            cand --rate 'Events per second to generate (decimals allowed, e.g. 0.2)'
            cand --events-file 'Play the events in this JSON-lines file (one webhook body per line) instead of generating them'
            cand --limit 'Stop producing events after N of them (the server keeps running)'
            cand --token-ttl 'Lifetime of issued access tokens'
            cand --reject-text 'Text of the `build_connection` failure sent for a bad or expired token'
            cand --reject-tokens 'Refuse the first N connections with --reject-text, even with a valid token'
            cand --expire-live 'What happens when a connected client''s token expires'
            cand --token-policy 'Whether a new token revokes the older ones'
            cand --drop-after 'Drop each connection after it has carried N events'
            cand --drop-mode 'How --drop-after ends a connection: a close frame, or a bare TCP close'
            cand --drop-code 'Close code sent by --drop-after in close mode'
            cand --max-drops 'Drop at most this many connections (default: every one)'
            cand --silent-after 'Stop answering (no acks, no events) after N events on a connection, socket left open; 0 means silent from the start'
            cand --clock-skew 'Shift the `Date` header of token responses by this much, as a server whose clock differs from the client''s (e.g. 5m, or -5m for a server behind)'
            cand --second-connection 'What happens when a second client connects to the same subscription'
            cand --fail-token 'Fail the first N token requests with --fail-status'
            cand --fail-status 'HTTP status for --fail-token (500 and 429 are typical)'
            cand --retry-after '`Retry-After` seconds sent with a 429'
            cand --hang-token 'Leave the first N token requests unanswered'
            cand --hang-upgrade 'Accept the TCP connection of the first N WebSocket requests but never answer them'
            cand --refuse-upgrade 'Refuse WebSocket upgrades with this HTTP status (401, 403, 404, 500, ...)'
            cand --refuse-count 'How many upgrades --refuse-upgrade refuses'
            cand --malformed-every 'After every N events, send a malformed frame (non-JSON, binary, bad content, unknown module, deep nesting, in turn)'
            cand --oversize-after 'After N events, send one text frame over 16 MiB (once)'
            cand --replay-on-reconnect 'Resend the last N delivered events to each new connection (a redelivering server)'
            cand --seed 'Seed for --chaos, to replay a run'
            cand --chaos-healthy 'How long a healthy --chaos connection lasts'
            cand --idle-timeout 'Close sockets that send no heartbeat for this long'
            cand --record 'Append every event actually delivered to a client to this file, one JSON line each'
            cand --color 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)'
            cand --chaos 'Give each connection a random fault: close codes, resets, silence, token rejection, with a healthy connection now and then'
            cand -v 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
            cand --verbose 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
            cand -q 'Print only errors on stderr'
            cand --quiet 'Print only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'zoomws;demo'= {
            cand -o 'How to print each event'
            cand --output 'How to print each event'
            cand --template 'Print a line per event from TEXT, e.g. ''{event} {payload.object.topic} {@lag}'' (implies --output template; see "Templates" in the README)'
            cand --jq 'Print what a jq expression makes of each event, as compact JSON lines'
            cand -e 'Only events matching PATTERN (globs like `meeting.*`; repeat or separate with commas)'
            cand --event 'Only events matching PATTERN (globs like `meeting.*`; repeat or separate with commas)'
            cand -x 'Leave out events matching PATTERN (globs; repeat or separate with commas)'
            cand --exclude-event 'Leave out events matching PATTERN (globs; repeat or separate with commas)'
            cand --filter 'Only events for which this jq expression is truthy, e.g. ''.payload.object.topic | test("standup"; "i")''; repeated filters must all hold'
            cand --timestamps 'How the pretty output shows the time of each event'
            cand --lag-warn 'Show how late an event arrived (receive time minus event_ts) when at least this late'
            cand -n 'Exit after printing N events'
            cand --count 'Exit after printing N events'
            cand --timeout 'Stop after DURATION (e.g. 30s, 5m); exit 124 if --count was not reached by then'
            cand --heartbeat-interval 'Send a heartbeat this often'
            cand --heartbeat-timeout 'Declare the link dead when nothing arrives this long after a heartbeat'
            cand --backoff-initial 'First delay before reconnecting; it doubles (with jitter) up to --backoff-max'
            cand --backoff-max 'Longest delay between reconnection attempts'
            cand --connect-timeout 'Give up on a connection or token request that takes longer than this'
            cand --max-retries 'Exit (code 1) after N failed attempts in a row, instead of retrying forever'
            cand --backlog-warn 'Warn when this many events are waiting for a slow reader of stdout'
            cand --account-id 'Account ID the emulator accepts'
            cand --client-id 'Client ID the emulator accepts'
            cand --client-secret 'Client secret the emulator accepts'
            cand --subscription-id 'Subscription ID the emulator serves'
            cand --rate 'Events per second to generate (decimals allowed, e.g. 0.2)'
            cand --events-file 'Play the events in this JSON-lines file (one webhook body per line) instead of generating them'
            cand --limit 'Stop producing events after N of them (the server keeps running)'
            cand --token-ttl 'Lifetime of issued access tokens'
            cand --reject-text 'Text of the `build_connection` failure sent for a bad or expired token'
            cand --reject-tokens 'Refuse the first N connections with --reject-text, even with a valid token'
            cand --expire-live 'What happens when a connected client''s token expires'
            cand --token-policy 'Whether a new token revokes the older ones'
            cand --drop-after 'Drop each connection after it has carried N events'
            cand --drop-mode 'How --drop-after ends a connection: a close frame, or a bare TCP close'
            cand --drop-code 'Close code sent by --drop-after in close mode'
            cand --max-drops 'Drop at most this many connections (default: every one)'
            cand --silent-after 'Stop answering (no acks, no events) after N events on a connection, socket left open; 0 means silent from the start'
            cand --clock-skew 'Shift the `Date` header of token responses by this much, as a server whose clock differs from the client''s (e.g. 5m, or -5m for a server behind)'
            cand --second-connection 'What happens when a second client connects to the same subscription'
            cand --fail-token 'Fail the first N token requests with --fail-status'
            cand --fail-status 'HTTP status for --fail-token (500 and 429 are typical)'
            cand --retry-after '`Retry-After` seconds sent with a 429'
            cand --hang-token 'Leave the first N token requests unanswered'
            cand --hang-upgrade 'Accept the TCP connection of the first N WebSocket requests but never answer them'
            cand --refuse-upgrade 'Refuse WebSocket upgrades with this HTTP status (401, 403, 404, 500, ...)'
            cand --refuse-count 'How many upgrades --refuse-upgrade refuses'
            cand --malformed-every 'After every N events, send a malformed frame (non-JSON, binary, bad content, unknown module, deep nesting, in turn)'
            cand --oversize-after 'After N events, send one text frame over 16 MiB (once)'
            cand --replay-on-reconnect 'Resend the last N delivered events to each new connection (a redelivering server)'
            cand --seed 'Seed for --chaos, to replay a run'
            cand --chaos-healthy 'How long a healthy --chaos connection lasts'
            cand --idle-timeout 'Close sockets that send no heartbeat for this long'
            cand --record 'Append every event actually delivered to a client to this file, one JSON line each'
            cand --color 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)'
            cand --json 'Print each event as one line of JSON, exactly as Zoom sent it (short for --output json)'
            cand -r 'With --jq, print strings as plain text rather than JSON (like jq -r); control characters stay escaped, so each value is one line'
            cand --raw-output 'With --jq, print strings as plain text rather than JSON (like jq -r); control characters stay escaped, so each value is one line'
            cand --stats 'On exit, print counts by event type, reconnects, heartbeat round trips and lag to stderr (SIGUSR1 prints them at any time, with or without --stats)'
            cand --chaos 'Give each connection a random fault: close codes, resets, silence, token rejection, with a healthy connection now and then'
            cand -v 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
            cand --verbose 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
            cand -q 'Print only errors on stderr'
            cand --quiet 'Print only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'zoomws;doctor'= {
            cand --account-id 'Account ID of the Server-to-Server OAuth app'
            cand --client-id 'Client ID of the Server-to-Server OAuth app'
            cand --client-secret 'Client secret of the app (prefer the environment or .env: flags show in `ps`)'
            cand --client-secret-file 'Read the client secret from this file (trailing newline ignored), e.g. a mounted secret'
            cand --subscription-id 'Event subscription ID (also taken from a --ws-url that carries `subscriptionId`)'
            cand --oauth-url 'Token endpoint [default: https://zoom.us/oauth/token; with --gov, https://zoomgov.com/oauth/token]'
            cand --ws-url 'WebSocket endpoint, as shown on the subscription page [default: wss://ws.zoom.us/ws; with --gov, wss://ws.zoomgov.com/ws]'
            cand --env-file 'Read settings from this file instead of ./.env'
            cand --profile 'Use this profile of the config file (`zoomws config init` writes one to start from)'
            cand --proxy 'Reach Zoom through this HTTP proxy, http://[USER:PASSWORD@]HOST:PORT (default: HTTPS_PROXY, then ALL_PROXY)'
            cand --no-proxy 'Hosts reached without the proxy, comma-separated: `zoom.us`, `.corp.example`, `10.0.0.0/8`, `*` for all (default: NO_PROXY)'
            cand --ca-cert 'Also trust the CA certificates in this PEM file, besides the system''s (for a TLS-inspecting proxy or a private gateway)'
            cand --connect-timeout 'Give up on each network step (resolve, connect, request, handshake) after this long'
            cand --heartbeat-timeout 'Fail the heartbeat step when no answer arrives within this long'
            cand --max-clock-skew 'Largest difference from the server''s clock that passes the clock step'
            cand --color 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)'
            cand --gov 'Zoom for Government: default to https://zoomgov.com/oauth/token and wss://ws.zoomgov.com/ws. Zoom does not document the WebSocket host (it is inferred), so copy the endpoint URL from your subscription page into --ws-url'
            cand --json 'Print the report as one JSON object'
            cand -v 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
            cand --verbose 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
            cand -q 'Print only errors on stderr'
            cand --quiet 'Print only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'zoomws;config'= {
            cand --color 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)'
            cand -v 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
            cand --verbose 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
            cand -q 'Print only errors on stderr'
            cand --quiet 'Print only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Print every setting with its value and where it came from (secrets masked)'
            cand init 'Write a commented profile file (mode 600) and print its path'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'zoomws;config;show'= {
            cand --account-id 'Account ID of the Server-to-Server OAuth app'
            cand --client-id 'Client ID of the Server-to-Server OAuth app'
            cand --client-secret 'Client secret of the app (prefer the environment or .env: flags show in `ps`)'
            cand --client-secret-file 'Read the client secret from this file (trailing newline ignored), e.g. a mounted secret'
            cand --subscription-id 'Event subscription ID (also taken from a --ws-url that carries `subscriptionId`)'
            cand --oauth-url 'Token endpoint [default: https://zoom.us/oauth/token; with --gov, https://zoomgov.com/oauth/token]'
            cand --ws-url 'WebSocket endpoint, as shown on the subscription page [default: wss://ws.zoom.us/ws; with --gov, wss://ws.zoomgov.com/ws]'
            cand --env-file 'Read settings from this file instead of ./.env'
            cand --profile 'Use this profile of the config file (`zoomws config init` writes one to start from)'
            cand --color 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)'
            cand --gov 'Zoom for Government: default to https://zoomgov.com/oauth/token and wss://ws.zoomgov.com/ws. Zoom does not document the WebSocket host (it is inferred), so copy the endpoint URL from your subscription page into --ws-url'
            cand -v 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
            cand --verbose 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
            cand -q 'Print only errors on stderr'
            cand --quiet 'Print only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'zoomws;config;init'= {
            cand --color 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)'
            cand --force 'Replace the file if it exists'
            cand -v 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
            cand --verbose 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
            cand -q 'Print only errors on stderr'
            cand --quiet 'Print only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'zoomws;config;help'= {
            cand show 'Print every setting with its value and where it came from (secrets masked)'
            cand init 'Write a commented profile file (mode 600) and print its path'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'zoomws;config;help;show'= {
        }
        &'zoomws;config;help;init'= {
        }
        &'zoomws;config;help;help'= {
        }
        &'zoomws;completions'= {
            cand --color 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)'
            cand -v 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
            cand --verbose 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
            cand -q 'Print only errors on stderr'
            cand --quiet 'Print only errors on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'zoomws;help'= {
            cand tail 'Connect to the event subscription and print events as they arrive'
            cand mock 'Run a local Zoom emulator (token and WebSocket endpoints) for zoomws or your own code'
            cand demo 'Run the emulator in-process and tail it: see zoomws work without a Zoom account'
            cand doctor 'Check each step from settings to heartbeat, and say what to fix when one fails'
            cand config 'Show the settings in effect, or write a profile file to start from'
            cand completions 'Print a completion script for your shell (see the README for where to put it)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'zoomws;help;tail'= {
        }
        &'zoomws;help;mock'= {
        }
        &'zoomws;help;demo'= {
        }
        &'zoomws;help;doctor'= {
        }
        &'zoomws;help;config'= {
            cand show 'Print every setting with its value and where it came from (secrets masked)'
            cand init 'Write a commented profile file (mode 600) and print its path'
        }
        &'zoomws;help;config;show'= {
        }
        &'zoomws;help;config;init'= {
        }
        &'zoomws;help;completions'= {
        }
        &'zoomws;help;help'= {
        }
    ]
    $completions[$command]
}

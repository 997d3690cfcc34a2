# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_zoomws_global_optspecs
    string join \n v/verbose q/quiet color= h/help V/version
end

function __fish_zoomws_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_zoomws_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_zoomws_using_subcommand
    set -l cmd (__fish_zoomws_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c zoomws -n "__fish_zoomws_needs_command" -l color -d 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c zoomws -n "__fish_zoomws_needs_command" -s v -l verbose -d 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
complete -c zoomws -n "__fish_zoomws_needs_command" -s q -l quiet -d 'Print only errors on stderr'
complete -c zoomws -n "__fish_zoomws_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c zoomws -n "__fish_zoomws_needs_command" -s V -l version -d 'Print version'
complete -c zoomws -n "__fish_zoomws_needs_command" -f -a "tail" -d 'Connect to the event subscription and print events as they arrive'
complete -c zoomws -n "__fish_zoomws_needs_command" -f -a "mock" -d 'Run a local Zoom emulator (token and WebSocket endpoints) for zoomws or your own code'
complete -c zoomws -n "__fish_zoomws_needs_command" -f -a "demo" -d 'Run the emulator in-process and tail it: see zoomws work without a Zoom account'
complete -c zoomws -n "__fish_zoomws_needs_command" -f -a "doctor" -d 'Check each step from settings to heartbeat, and say what to fix when one fails'
complete -c zoomws -n "__fish_zoomws_needs_command" -f -a "config" -d 'Show the settings in effect, or write a profile file to start from'
complete -c zoomws -n "__fish_zoomws_needs_command" -f -a "completions" -d 'Print a completion script for your shell (see the README for where to put it)'
complete -c zoomws -n "__fish_zoomws_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l account-id -d 'Account ID of the Server-to-Server OAuth app' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l client-id -d 'Client ID of the Server-to-Server OAuth app' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l client-secret -d 'Client secret of the app (prefer the environment or .env: flags show in `ps`)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l client-secret-file -d 'Read the client secret from this file (trailing newline ignored), e.g. a mounted secret' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l subscription-id -d 'Event subscription ID (also taken from a --ws-url that carries `subscriptionId`)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l oauth-url -d 'Token endpoint [default: https://zoom.us/oauth/token; with --gov, https://zoomgov.com/oauth/token]' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l ws-url -d 'WebSocket endpoint, as shown on the subscription page [default: wss://ws.zoom.us/ws; with --gov, wss://ws.zoomgov.com/ws]' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l env-file -d 'Read settings from this file instead of ./.env' -r -F
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l profile -d 'Use this profile of the config file (`zoomws config init` writes one to start from)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -s o -l output -d 'How to print each event' -r -f -a "pretty\t'Time, event name coloured by family, and a summary of what happened'
json\t'Each event as one compact JSON line, exactly as Zoom sent it'
json-pretty\t'Each event indented over several lines, coloured on a terminal'
raw\t'Every frame exactly as received, status frames and heartbeat acks included'
template\t'A line per event from --template'"
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l template -d 'Print a line per event from TEXT, e.g. \'{event} {payload.object.topic} {@lag}\' (implies --output template; see "Templates" in the README)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l jq -d 'Print what a jq expression makes of each event, as compact JSON lines' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -s e -l event -d 'Only events matching PATTERN (globs like `meeting.*`; repeat or separate with commas)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -s x -l exclude-event -d 'Leave out events matching PATTERN (globs; repeat or separate with commas)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l filter -d 'Only events for which this jq expression is truthy, e.g. \'.payload.object.topic | test("standup"; "i")\'; repeated filters must all hold' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l timestamps -d 'How the pretty output shows the time of each event' -r -f -a "local\t'Local time of day, e.g. 14:03:07'
utc\t'UTC time of day, e.g. 13:03:07Z'
rfc3339\t'Full date and time with the local offset, e.g. 2026-12-04T14:03:07.120+01:00'
none\t'No time column'"
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l lag-warn -d 'Show how late an event arrived (receive time minus event_ts) when at least this late' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -s n -l count -d 'Exit after printing N events' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l timeout -d 'Stop after DURATION (e.g. 30s, 5m); exit 124 if --count was not reached by then' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l heartbeat-interval -d 'Send a heartbeat this often' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l heartbeat-timeout -d 'Declare the link dead when nothing arrives this long after a heartbeat' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l backoff-initial -d 'First delay before reconnecting; it doubles (with jitter) up to --backoff-max' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l backoff-max -d 'Longest delay between reconnection attempts' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l connect-timeout -d 'Give up on a connection or token request that takes longer than this' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l max-retries -d 'Exit (code 1) after N failed attempts in a row, instead of retrying forever' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l backlog-warn -d 'Warn when this many events are waiting for a slow reader of stdout' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l proxy -d 'Reach Zoom through this HTTP proxy, http://[USER:PASSWORD@]HOST:PORT (default: HTTPS_PROXY, then ALL_PROXY)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l no-proxy -d 'Hosts reached without the proxy, comma-separated: `zoom.us`, `.corp.example`, `10.0.0.0/8`, `*` for all (default: NO_PROXY)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l ca-cert -d 'Also trust the CA certificates in this PEM file, besides the system\'s (for a TLS-inspecting proxy or a private gateway)' -r -F
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l color -d 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l gov -d 'Zoom for Government: default to https://zoomgov.com/oauth/token and wss://ws.zoomgov.com/ws. Zoom does not document the WebSocket host (it is inferred), so copy the endpoint URL from your subscription page into --ws-url'
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l json -d 'Print each event as one line of JSON, exactly as Zoom sent it (short for --output json)'
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -s r -l raw-output -d 'With --jq, print strings as plain text rather than JSON (like jq -r); control characters stay escaped, so each value is one line'
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -l stats -d 'On exit, print counts by event type, reconnects, heartbeat round trips and lag to stderr (SIGUSR1 prints them at any time, with or without --stats)'
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -s v -l verbose -d 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -s q -l quiet -d 'Print only errors on stderr'
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c zoomws -n "__fish_zoomws_using_subcommand tail" -s V -l version -d 'Print version'
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l port -d 'Port to listen on (0 picks a free one)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l tls-cert -d 'Serve https:// and wss:// with this PEM certificate chain (needs --tls-key)' -r -F
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l tls-key -d 'The PEM private key of --tls-cert' -r -F
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l account-id -d 'Account ID the emulator accepts' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l client-id -d 'Client ID the emulator accepts' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l client-secret -d 'Client secret the emulator accepts' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l subscription-id -d 'Subscription ID the emulator serves' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l rate -d 'Events per second to generate (decimals allowed, e.g. 0.2)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l events-file -d 'Play the events in this JSON-lines file (one webhook body per line) instead of generating them' -r -F
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l limit -d 'Stop producing events after N of them (the server keeps running)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l token-ttl -d 'Lifetime of issued access tokens' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l reject-text -d 'Text of the `build_connection` failure sent for a bad or expired token' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l reject-tokens -d 'Refuse the first N connections with --reject-text, even with a valid token' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l expire-live -d 'What happens when a connected client\'s token expires' -r -f -a "ignore\t'Keep the connection open (what Zoom appears to do)'
close\t'Send a token failure and close the socket'"
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l token-policy -d 'Whether a new token revokes the older ones' -r -f -a "multi\t'Every issued token stays valid until it expires (current Zoom docs)'
single\t'A new token revokes all older ones (Zoom\'s behaviour in 2022)'"
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l drop-after -d 'Drop each connection after it has carried N events' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l drop-mode -d 'How --drop-after ends a connection: a close frame, or a bare TCP close' -r -f -a "close\t'Send a close frame with --drop-code'
reset\t'Close the TCP connection without a close frame'"
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l drop-code -d 'Close code sent by --drop-after in close mode' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l max-drops -d 'Drop at most this many connections (default: every one)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l silent-after -d 'Stop answering (no acks, no events) after N events on a connection, socket left open; 0 means silent from the start' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l clock-skew -d 'Shift the `Date` header of token responses by this much, as a server whose clock differs from the client\'s (e.g. 5m, or -5m for a server behind)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l second-connection -d 'What happens when a second client connects to the same subscription' -r -f -a "kick-old\t'Close the older connection (reported behaviour)'
reject-new\t'Refuse the newer connection'
fanout\t'Deliver to both'"
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l fail-token -d 'Fail the first N token requests with --fail-status' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l fail-status -d 'HTTP status for --fail-token (500 and 429 are typical)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l retry-after -d '`Retry-After` seconds sent with a 429' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l hang-token -d 'Leave the first N token requests unanswered' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l hang-upgrade -d 'Accept the TCP connection of the first N WebSocket requests but never answer them' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l refuse-upgrade -d 'Refuse WebSocket upgrades with this HTTP status (401, 403, 404, 500, ...)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l refuse-count -d 'How many upgrades --refuse-upgrade refuses' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l malformed-every -d 'After every N events, send a malformed frame (non-JSON, binary, bad content, unknown module, deep nesting, in turn)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l oversize-after -d 'After N events, send one text frame over 16 MiB (once)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l replay-on-reconnect -d 'Resend the last N delivered events to each new connection (a redelivering server)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l seed -d 'Seed for --chaos, to replay a run' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l chaos-healthy -d 'How long a healthy --chaos connection lasts' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l idle-timeout -d 'Close sockets that send no heartbeat for this long' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l record -d 'Append every event actually delivered to a client to this file, one JSON line each' -r -F
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l color -d 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -l chaos -d 'Give each connection a random fault: close codes, resets, silence, token rejection, with a healthy connection now and then'
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -s v -l verbose -d 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -s q -l quiet -d 'Print only errors on stderr'
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c zoomws -n "__fish_zoomws_using_subcommand mock" -s V -l version -d 'Print version'
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -s o -l output -d 'How to print each event' -r -f -a "pretty\t'Time, event name coloured by family, and a summary of what happened'
json\t'Each event as one compact JSON line, exactly as Zoom sent it'
json-pretty\t'Each event indented over several lines, coloured on a terminal'
raw\t'Every frame exactly as received, status frames and heartbeat acks included'
template\t'A line per event from --template'"
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l template -d 'Print a line per event from TEXT, e.g. \'{event} {payload.object.topic} {@lag}\' (implies --output template; see "Templates" in the README)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l jq -d 'Print what a jq expression makes of each event, as compact JSON lines' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -s e -l event -d 'Only events matching PATTERN (globs like `meeting.*`; repeat or separate with commas)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -s x -l exclude-event -d 'Leave out events matching PATTERN (globs; repeat or separate with commas)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l filter -d 'Only events for which this jq expression is truthy, e.g. \'.payload.object.topic | test("standup"; "i")\'; repeated filters must all hold' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l timestamps -d 'How the pretty output shows the time of each event' -r -f -a "local\t'Local time of day, e.g. 14:03:07'
utc\t'UTC time of day, e.g. 13:03:07Z'
rfc3339\t'Full date and time with the local offset, e.g. 2026-12-04T14:03:07.120+01:00'
none\t'No time column'"
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l lag-warn -d 'Show how late an event arrived (receive time minus event_ts) when at least this late' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -s n -l count -d 'Exit after printing N events' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l timeout -d 'Stop after DURATION (e.g. 30s, 5m); exit 124 if --count was not reached by then' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l heartbeat-interval -d 'Send a heartbeat this often' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l heartbeat-timeout -d 'Declare the link dead when nothing arrives this long after a heartbeat' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l backoff-initial -d 'First delay before reconnecting; it doubles (with jitter) up to --backoff-max' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l backoff-max -d 'Longest delay between reconnection attempts' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l connect-timeout -d 'Give up on a connection or token request that takes longer than this' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l max-retries -d 'Exit (code 1) after N failed attempts in a row, instead of retrying forever' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l backlog-warn -d 'Warn when this many events are waiting for a slow reader of stdout' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l account-id -d 'Account ID the emulator accepts' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l client-id -d 'Client ID the emulator accepts' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l client-secret -d 'Client secret the emulator accepts' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l subscription-id -d 'Subscription ID the emulator serves' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l rate -d 'Events per second to generate (decimals allowed, e.g. 0.2)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l events-file -d 'Play the events in this JSON-lines file (one webhook body per line) instead of generating them' -r -F
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l limit -d 'Stop producing events after N of them (the server keeps running)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l token-ttl -d 'Lifetime of issued access tokens' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l reject-text -d 'Text of the `build_connection` failure sent for a bad or expired token' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l reject-tokens -d 'Refuse the first N connections with --reject-text, even with a valid token' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l expire-live -d 'What happens when a connected client\'s token expires' -r -f -a "ignore\t'Keep the connection open (what Zoom appears to do)'
close\t'Send a token failure and close the socket'"
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l token-policy -d 'Whether a new token revokes the older ones' -r -f -a "multi\t'Every issued token stays valid until it expires (current Zoom docs)'
single\t'A new token revokes all older ones (Zoom\'s behaviour in 2022)'"
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l drop-after -d 'Drop each connection after it has carried N events' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l drop-mode -d 'How --drop-after ends a connection: a close frame, or a bare TCP close' -r -f -a "close\t'Send a close frame with --drop-code'
reset\t'Close the TCP connection without a close frame'"
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l drop-code -d 'Close code sent by --drop-after in close mode' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l max-drops -d 'Drop at most this many connections (default: every one)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l silent-after -d 'Stop answering (no acks, no events) after N events on a connection, socket left open; 0 means silent from the start' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l clock-skew -d 'Shift the `Date` header of token responses by this much, as a server whose clock differs from the client\'s (e.g. 5m, or -5m for a server behind)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l second-connection -d 'What happens when a second client connects to the same subscription' -r -f -a "kick-old\t'Close the older connection (reported behaviour)'
reject-new\t'Refuse the newer connection'
fanout\t'Deliver to both'"
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l fail-token -d 'Fail the first N token requests with --fail-status' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l fail-status -d 'HTTP status for --fail-token (500 and 429 are typical)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l retry-after -d '`Retry-After` seconds sent with a 429' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l hang-token -d 'Leave the first N token requests unanswered' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l hang-upgrade -d 'Accept the TCP connection of the first N WebSocket requests but never answer them' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l refuse-upgrade -d 'Refuse WebSocket upgrades with this HTTP status (401, 403, 404, 500, ...)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l refuse-count -d 'How many upgrades --refuse-upgrade refuses' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l malformed-every -d 'After every N events, send a malformed frame (non-JSON, binary, bad content, unknown module, deep nesting, in turn)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l oversize-after -d 'After N events, send one text frame over 16 MiB (once)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l replay-on-reconnect -d 'Resend the last N delivered events to each new connection (a redelivering server)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l seed -d 'Seed for --chaos, to replay a run' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l chaos-healthy -d 'How long a healthy --chaos connection lasts' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l idle-timeout -d 'Close sockets that send no heartbeat for this long' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l record -d 'Append every event actually delivered to a client to this file, one JSON line each' -r -F
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l color -d 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l json -d 'Print each event as one line of JSON, exactly as Zoom sent it (short for --output json)'
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -s r -l raw-output -d 'With --jq, print strings as plain text rather than JSON (like jq -r); control characters stay escaped, so each value is one line'
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l stats -d 'On exit, print counts by event type, reconnects, heartbeat round trips and lag to stderr (SIGUSR1 prints them at any time, with or without --stats)'
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -l chaos -d 'Give each connection a random fault: close codes, resets, silence, token rejection, with a healthy connection now and then'
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -s v -l verbose -d 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -s q -l quiet -d 'Print only errors on stderr'
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c zoomws -n "__fish_zoomws_using_subcommand demo" -s V -l version -d 'Print version'
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -l account-id -d 'Account ID of the Server-to-Server OAuth app' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -l client-id -d 'Client ID of the Server-to-Server OAuth app' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -l client-secret -d 'Client secret of the app (prefer the environment or .env: flags show in `ps`)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -l client-secret-file -d 'Read the client secret from this file (trailing newline ignored), e.g. a mounted secret' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -l subscription-id -d 'Event subscription ID (also taken from a --ws-url that carries `subscriptionId`)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -l oauth-url -d 'Token endpoint [default: https://zoom.us/oauth/token; with --gov, https://zoomgov.com/oauth/token]' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -l ws-url -d 'WebSocket endpoint, as shown on the subscription page [default: wss://ws.zoom.us/ws; with --gov, wss://ws.zoomgov.com/ws]' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -l env-file -d 'Read settings from this file instead of ./.env' -r -F
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -l profile -d 'Use this profile of the config file (`zoomws config init` writes one to start from)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -l proxy -d 'Reach Zoom through this HTTP proxy, http://[USER:PASSWORD@]HOST:PORT (default: HTTPS_PROXY, then ALL_PROXY)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -l no-proxy -d 'Hosts reached without the proxy, comma-separated: `zoom.us`, `.corp.example`, `10.0.0.0/8`, `*` for all (default: NO_PROXY)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -l ca-cert -d 'Also trust the CA certificates in this PEM file, besides the system\'s (for a TLS-inspecting proxy or a private gateway)' -r -F
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -l connect-timeout -d 'Give up on each network step (resolve, connect, request, handshake) after this long' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -l heartbeat-timeout -d 'Fail the heartbeat step when no answer arrives within this long' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -l max-clock-skew -d 'Largest difference from the server\'s clock that passes the clock step' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -l color -d 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -l gov -d 'Zoom for Government: default to https://zoomgov.com/oauth/token and wss://ws.zoomgov.com/ws. Zoom does not document the WebSocket host (it is inferred), so copy the endpoint URL from your subscription page into --ws-url'
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -l json -d 'Print the report as one JSON object'
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -s v -l verbose -d 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -s q -l quiet -d 'Print only errors on stderr'
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c zoomws -n "__fish_zoomws_using_subcommand doctor" -s V -l version -d 'Print version'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and not __fish_seen_subcommand_from show init help" -l color -d 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and not __fish_seen_subcommand_from show init help" -s v -l verbose -d 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and not __fish_seen_subcommand_from show init help" -s q -l quiet -d 'Print only errors on stderr'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and not __fish_seen_subcommand_from show init help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and not __fish_seen_subcommand_from show init help" -s V -l version -d 'Print version'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and not __fish_seen_subcommand_from show init help" -f -a "show" -d 'Print every setting with its value and where it came from (secrets masked)'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and not __fish_seen_subcommand_from show init help" -f -a "init" -d 'Write a commented profile file (mode 600) and print its path'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and not __fish_seen_subcommand_from show init help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from show" -l account-id -d 'Account ID of the Server-to-Server OAuth app' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from show" -l client-id -d 'Client ID of the Server-to-Server OAuth app' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from show" -l client-secret -d 'Client secret of the app (prefer the environment or .env: flags show in `ps`)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from show" -l client-secret-file -d 'Read the client secret from this file (trailing newline ignored), e.g. a mounted secret' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from show" -l subscription-id -d 'Event subscription ID (also taken from a --ws-url that carries `subscriptionId`)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from show" -l oauth-url -d 'Token endpoint [default: https://zoom.us/oauth/token; with --gov, https://zoomgov.com/oauth/token]' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from show" -l ws-url -d 'WebSocket endpoint, as shown on the subscription page [default: wss://ws.zoom.us/ws; with --gov, wss://ws.zoomgov.com/ws]' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from show" -l env-file -d 'Read settings from this file instead of ./.env' -r -F
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Use this profile of the config file (`zoomws config init` writes one to start from)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from show" -l proxy -d 'Reach Zoom through this HTTP proxy, http://[USER:PASSWORD@]HOST:PORT (default: HTTPS_PROXY, then ALL_PROXY)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from show" -l no-proxy -d 'Hosts reached without the proxy, comma-separated: `zoom.us`, `.corp.example`, `10.0.0.0/8`, `*` for all (default: NO_PROXY)' -r
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from show" -l ca-cert -d 'Also trust the CA certificates in this PEM file, besides the system\'s (for a TLS-inspecting proxy or a private gateway)' -r -F
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from show" -l gov -d 'Zoom for Government: default to https://zoomgov.com/oauth/token and wss://ws.zoomgov.com/ws. Zoom does not document the WebSocket host (it is inferred), so copy the endpoint URL from your subscription page into --ws-url'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only errors on stderr'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from init" -l color -d 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from init" -l force -d 'Replace the file if it exists'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print only errors on stderr'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from init" -s V -l version -d 'Print version'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print every setting with its value and where it came from (secrets masked)'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write a commented profile file (mode 600) and print its path'
complete -c zoomws -n "__fish_zoomws_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c zoomws -n "__fish_zoomws_using_subcommand completions" -l color -d 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)' -r -f -a "auto\t'Colour when stdout is a terminal and NO_COLOR is not set'
always\t'Always colour'
never\t'Never colour'"
complete -c zoomws -n "__fish_zoomws_using_subcommand completions" -s v -l verbose -d 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)'
complete -c zoomws -n "__fish_zoomws_using_subcommand completions" -s q -l quiet -d 'Print only errors on stderr'
complete -c zoomws -n "__fish_zoomws_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c zoomws -n "__fish_zoomws_using_subcommand completions" -s V -l version -d 'Print version'
complete -c zoomws -n "__fish_zoomws_using_subcommand help; and not __fish_seen_subcommand_from tail mock demo doctor config completions help" -f -a "tail" -d 'Connect to the event subscription and print events as they arrive'
complete -c zoomws -n "__fish_zoomws_using_subcommand help; and not __fish_seen_subcommand_from tail mock demo doctor config completions help" -f -a "mock" -d 'Run a local Zoom emulator (token and WebSocket endpoints) for zoomws or your own code'
complete -c zoomws -n "__fish_zoomws_using_subcommand help; and not __fish_seen_subcommand_from tail mock demo doctor config completions help" -f -a "demo" -d 'Run the emulator in-process and tail it: see zoomws work without a Zoom account'
complete -c zoomws -n "__fish_zoomws_using_subcommand help; and not __fish_seen_subcommand_from tail mock demo doctor config completions help" -f -a "doctor" -d 'Check each step from settings to heartbeat, and say what to fix when one fails'
complete -c zoomws -n "__fish_zoomws_using_subcommand help; and not __fish_seen_subcommand_from tail mock demo doctor config completions help" -f -a "config" -d 'Show the settings in effect, or write a profile file to start from'
complete -c zoomws -n "__fish_zoomws_using_subcommand help; and not __fish_seen_subcommand_from tail mock demo doctor config completions help" -f -a "completions" -d 'Print a completion script for your shell (see the README for where to put it)'
complete -c zoomws -n "__fish_zoomws_using_subcommand help; and not __fish_seen_subcommand_from tail mock demo doctor config completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c zoomws -n "__fish_zoomws_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print every setting with its value and where it came from (secrets masked)'
complete -c zoomws -n "__fish_zoomws_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "init" -d 'Write a commented profile file (mode 600) and print its path'

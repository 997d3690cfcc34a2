
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'zoomws' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'zoomws'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'zoomws' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Connect to the event subscription and print events as they arrive')
            [CompletionResult]::new('mock', 'mock', [CompletionResultType]::ParameterValue, 'Run a local Zoom emulator (token and WebSocket endpoints) for zoomws or your own code')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run the emulator in-process and tail it: see zoomws work without a Zoom account')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check each step from settings to heartbeat, and say what to fix when one fails')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the settings in effect, or write a profile file to start from')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a completion script for your shell (see the README for where to put it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'zoomws;tail' {
            [CompletionResult]::new('--account-id', '--account-id', [CompletionResultType]::ParameterName, 'Account ID of the Server-to-Server OAuth app')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID of the Server-to-Server OAuth app')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'Client secret of the app (prefer the environment or .env: flags show in `ps`)')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'Read the client secret from this file (trailing newline ignored), e.g. a mounted secret')
            [CompletionResult]::new('--subscription-id', '--subscription-id', [CompletionResultType]::ParameterName, 'Event subscription ID (also taken from a --ws-url that carries `subscriptionId`)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'Token endpoint [default: https://zoom.us/oauth/token; with --gov, https://zoomgov.com/oauth/token]')
            [CompletionResult]::new('--ws-url', '--ws-url', [CompletionResultType]::ParameterName, 'WebSocket endpoint, as shown on the subscription page [default: wss://ws.zoom.us/ws; with --gov, wss://ws.zoomgov.com/ws]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ./.env')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (`zoomws config init` writes one to start from)')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print each event')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print each event')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Print a line per event from TEXT, e.g. ''{event} {payload.object.topic} {@lag}'' (implies --output template; see "Templates" in the README)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Print what a jq expression makes of each event, as compact JSON lines')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Only events matching PATTERN (globs like `meeting.*`; repeat or separate with commas)')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only events matching PATTERN (globs like `meeting.*`; repeat or separate with commas)')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'Leave out events matching PATTERN (globs; repeat or separate with commas)')
            [CompletionResult]::new('--exclude-event', '--exclude-event', [CompletionResultType]::ParameterName, 'Leave out events matching PATTERN (globs; repeat or separate with commas)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Only events for which this jq expression is truthy, e.g. ''.payload.object.topic | test("standup"; "i")''; repeated filters must all hold')
            [CompletionResult]::new('--timestamps', '--timestamps', [CompletionResultType]::ParameterName, 'How the pretty output shows the time of each event')
            [CompletionResult]::new('--lag-warn', '--lag-warn', [CompletionResultType]::ParameterName, 'Show how late an event arrived (receive time minus event_ts) when at least this late')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Exit after printing N events')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Exit after printing N events')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop after DURATION (e.g. 30s, 5m); exit 124 if --count was not reached by then')
            [CompletionResult]::new('--heartbeat-interval', '--heartbeat-interval', [CompletionResultType]::ParameterName, 'Send a heartbeat this often')
            [CompletionResult]::new('--heartbeat-timeout', '--heartbeat-timeout', [CompletionResultType]::ParameterName, 'Declare the link dead when nothing arrives this long after a heartbeat')
            [CompletionResult]::new('--backoff-initial', '--backoff-initial', [CompletionResultType]::ParameterName, 'First delay before reconnecting; it doubles (with jitter) up to --backoff-max')
            [CompletionResult]::new('--backoff-max', '--backoff-max', [CompletionResultType]::ParameterName, 'Longest delay between reconnection attempts')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on a connection or token request that takes longer than this')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Exit (code 1) after N failed attempts in a row, instead of retrying forever')
            [CompletionResult]::new('--backlog-warn', '--backlog-warn', [CompletionResultType]::ParameterName, 'Warn when this many events are waiting for a slow reader of stdout')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Reach Zoom through this HTTP proxy, http://[USER:PASSWORD@]HOST:PORT (default: HTTPS_PROXY, then ALL_PROXY)')
            [CompletionResult]::new('--no-proxy', '--no-proxy', [CompletionResultType]::ParameterName, 'Hosts reached without the proxy, comma-separated: `zoom.us`, `.corp.example`, `10.0.0.0/8`, `*` for all (default: NO_PROXY)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, besides the system''s (for a TLS-inspecting proxy or a private gateway)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)')
            [CompletionResult]::new('--gov', '--gov', [CompletionResultType]::ParameterName, 'Zoom for Government: default to https://zoomgov.com/oauth/token and wss://ws.zoomgov.com/ws. Zoom does not document the WebSocket host (it is inferred), so copy the endpoint URL from your subscription page into --ws-url')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print each event as one line of JSON, exactly as Zoom sent it (short for --output json)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'With --jq, print strings as plain text rather than JSON (like jq -r); control characters stay escaped, so each value is one line')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'With --jq, print strings as plain text rather than JSON (like jq -r); control characters stay escaped, so each value is one line')
            [CompletionResult]::new('--stats', '--stats', [CompletionResultType]::ParameterName, 'On exit, print counts by event type, reconnects, heartbeat round trips and lag to stderr (SIGUSR1 prints them at any time, with or without --stats)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zoomws;mock' {
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port to listen on (0 picks a free one)')
            [CompletionResult]::new('--tls-cert', '--tls-cert', [CompletionResultType]::ParameterName, 'Serve https:// and wss:// with this PEM certificate chain (needs --tls-key)')
            [CompletionResult]::new('--tls-key', '--tls-key', [CompletionResultType]::ParameterName, 'The PEM private key of --tls-cert')
            [CompletionResult]::new('--account-id', '--account-id', [CompletionResultType]::ParameterName, 'Account ID the emulator accepts')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID the emulator accepts')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'Client secret the emulator accepts')
            [CompletionResult]::new('--subscription-id', '--subscription-id', [CompletionResultType]::ParameterName, 'Subscription ID the emulator serves')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Events per second to generate (decimals allowed, e.g. 0.2)')
            [CompletionResult]::new('--events-file', '--events-file', [CompletionResultType]::ParameterName, 'Play the events in this JSON-lines file (one webhook body per line) instead of generating them')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Stop producing events after N of them (the server keeps running)')
            [CompletionResult]::new('--token-ttl', '--token-ttl', [CompletionResultType]::ParameterName, 'Lifetime of issued access tokens')
            [CompletionResult]::new('--reject-text', '--reject-text', [CompletionResultType]::ParameterName, 'Text of the `build_connection` failure sent for a bad or expired token')
            [CompletionResult]::new('--reject-tokens', '--reject-tokens', [CompletionResultType]::ParameterName, 'Refuse the first N connections with --reject-text, even with a valid token')
            [CompletionResult]::new('--expire-live', '--expire-live', [CompletionResultType]::ParameterName, 'What happens when a connected client''s token expires')
            [CompletionResult]::new('--token-policy', '--token-policy', [CompletionResultType]::ParameterName, 'Whether a new token revokes the older ones')
            [CompletionResult]::new('--drop-after', '--drop-after', [CompletionResultType]::ParameterName, 'Drop each connection after it has carried N events')
            [CompletionResult]::new('--drop-mode', '--drop-mode', [CompletionResultType]::ParameterName, 'How --drop-after ends a connection: a close frame, or a bare TCP close')
            [CompletionResult]::new('--drop-code', '--drop-code', [CompletionResultType]::ParameterName, 'Close code sent by --drop-after in close mode')
            [CompletionResult]::new('--max-drops', '--max-drops', [CompletionResultType]::ParameterName, 'Drop at most this many connections (default: every one)')
            [CompletionResult]::new('--silent-after', '--silent-after', [CompletionResultType]::ParameterName, 'Stop answering (no acks, no events) after N events on a connection, socket left open; 0 means silent from the start')
            [CompletionResult]::new('--clock-skew', '--clock-skew', [CompletionResultType]::ParameterName, 'Shift the `Date` header of token responses by this much, as a server whose clock differs from the client''s (e.g. 5m, or -5m for a server behind)')
            [CompletionResult]::new('--second-connection', '--second-connection', [CompletionResultType]::ParameterName, 'What happens when a second client connects to the same subscription')
            [CompletionResult]::new('--fail-token', '--fail-token', [CompletionResultType]::ParameterName, 'Fail the first N token requests with --fail-status')
            [CompletionResult]::new('--fail-status', '--fail-status', [CompletionResultType]::ParameterName, 'HTTP status for --fail-token (500 and 429 are typical)')
            [CompletionResult]::new('--retry-after', '--retry-after', [CompletionResultType]::ParameterName, '`Retry-After` seconds sent with a 429')
            [CompletionResult]::new('--hang-token', '--hang-token', [CompletionResultType]::ParameterName, 'Leave the first N token requests unanswered')
            [CompletionResult]::new('--hang-upgrade', '--hang-upgrade', [CompletionResultType]::ParameterName, 'Accept the TCP connection of the first N WebSocket requests but never answer them')
            [CompletionResult]::new('--refuse-upgrade', '--refuse-upgrade', [CompletionResultType]::ParameterName, 'Refuse WebSocket upgrades with this HTTP status (401, 403, 404, 500, ...)')
            [CompletionResult]::new('--refuse-count', '--refuse-count', [CompletionResultType]::ParameterName, 'How many upgrades --refuse-upgrade refuses')
            [CompletionResult]::new('--malformed-every', '--malformed-every', [CompletionResultType]::ParameterName, 'After every N events, send a malformed frame (non-JSON, binary, bad content, unknown module, deep nesting, in turn)')
            [CompletionResult]::new('--oversize-after', '--oversize-after', [CompletionResultType]::ParameterName, 'After N events, send one text frame over 16 MiB (once)')
            [CompletionResult]::new('--replay-on-reconnect', '--replay-on-reconnect', [CompletionResultType]::ParameterName, 'Resend the last N delivered events to each new connection (a redelivering server)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed for --chaos, to replay a run')
            [CompletionResult]::new('--chaos-healthy', '--chaos-healthy', [CompletionResultType]::ParameterName, 'How long a healthy --chaos connection lasts')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Close sockets that send no heartbeat for this long')
            [CompletionResult]::new('--record', '--record', [CompletionResultType]::ParameterName, 'Append every event actually delivered to a client to this file, one JSON line each')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)')
            [CompletionResult]::new('--chaos', '--chaos', [CompletionResultType]::ParameterName, 'Give each connection a random fault: close codes, resets, silence, token rejection, with a healthy connection now and then')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zoomws;demo' {
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'How to print each event')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print each event')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Print a line per event from TEXT, e.g. ''{event} {payload.object.topic} {@lag}'' (implies --output template; see "Templates" in the README)')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Print what a jq expression makes of each event, as compact JSON lines')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Only events matching PATTERN (globs like `meeting.*`; repeat or separate with commas)')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Only events matching PATTERN (globs like `meeting.*`; repeat or separate with commas)')
            [CompletionResult]::new('-x', '-x', [CompletionResultType]::ParameterName, 'Leave out events matching PATTERN (globs; repeat or separate with commas)')
            [CompletionResult]::new('--exclude-event', '--exclude-event', [CompletionResultType]::ParameterName, 'Leave out events matching PATTERN (globs; repeat or separate with commas)')
            [CompletionResult]::new('--filter', '--filter', [CompletionResultType]::ParameterName, 'Only events for which this jq expression is truthy, e.g. ''.payload.object.topic | test("standup"; "i")''; repeated filters must all hold')
            [CompletionResult]::new('--timestamps', '--timestamps', [CompletionResultType]::ParameterName, 'How the pretty output shows the time of each event')
            [CompletionResult]::new('--lag-warn', '--lag-warn', [CompletionResultType]::ParameterName, 'Show how late an event arrived (receive time minus event_ts) when at least this late')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Exit after printing N events')
            [CompletionResult]::new('--count', '--count', [CompletionResultType]::ParameterName, 'Exit after printing N events')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop after DURATION (e.g. 30s, 5m); exit 124 if --count was not reached by then')
            [CompletionResult]::new('--heartbeat-interval', '--heartbeat-interval', [CompletionResultType]::ParameterName, 'Send a heartbeat this often')
            [CompletionResult]::new('--heartbeat-timeout', '--heartbeat-timeout', [CompletionResultType]::ParameterName, 'Declare the link dead when nothing arrives this long after a heartbeat')
            [CompletionResult]::new('--backoff-initial', '--backoff-initial', [CompletionResultType]::ParameterName, 'First delay before reconnecting; it doubles (with jitter) up to --backoff-max')
            [CompletionResult]::new('--backoff-max', '--backoff-max', [CompletionResultType]::ParameterName, 'Longest delay between reconnection attempts')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on a connection or token request that takes longer than this')
            [CompletionResult]::new('--max-retries', '--max-retries', [CompletionResultType]::ParameterName, 'Exit (code 1) after N failed attempts in a row, instead of retrying forever')
            [CompletionResult]::new('--backlog-warn', '--backlog-warn', [CompletionResultType]::ParameterName, 'Warn when this many events are waiting for a slow reader of stdout')
            [CompletionResult]::new('--account-id', '--account-id', [CompletionResultType]::ParameterName, 'Account ID the emulator accepts')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID the emulator accepts')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'Client secret the emulator accepts')
            [CompletionResult]::new('--subscription-id', '--subscription-id', [CompletionResultType]::ParameterName, 'Subscription ID the emulator serves')
            [CompletionResult]::new('--rate', '--rate', [CompletionResultType]::ParameterName, 'Events per second to generate (decimals allowed, e.g. 0.2)')
            [CompletionResult]::new('--events-file', '--events-file', [CompletionResultType]::ParameterName, 'Play the events in this JSON-lines file (one webhook body per line) instead of generating them')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Stop producing events after N of them (the server keeps running)')
            [CompletionResult]::new('--token-ttl', '--token-ttl', [CompletionResultType]::ParameterName, 'Lifetime of issued access tokens')
            [CompletionResult]::new('--reject-text', '--reject-text', [CompletionResultType]::ParameterName, 'Text of the `build_connection` failure sent for a bad or expired token')
            [CompletionResult]::new('--reject-tokens', '--reject-tokens', [CompletionResultType]::ParameterName, 'Refuse the first N connections with --reject-text, even with a valid token')
            [CompletionResult]::new('--expire-live', '--expire-live', [CompletionResultType]::ParameterName, 'What happens when a connected client''s token expires')
            [CompletionResult]::new('--token-policy', '--token-policy', [CompletionResultType]::ParameterName, 'Whether a new token revokes the older ones')
            [CompletionResult]::new('--drop-after', '--drop-after', [CompletionResultType]::ParameterName, 'Drop each connection after it has carried N events')
            [CompletionResult]::new('--drop-mode', '--drop-mode', [CompletionResultType]::ParameterName, 'How --drop-after ends a connection: a close frame, or a bare TCP close')
            [CompletionResult]::new('--drop-code', '--drop-code', [CompletionResultType]::ParameterName, 'Close code sent by --drop-after in close mode')
            [CompletionResult]::new('--max-drops', '--max-drops', [CompletionResultType]::ParameterName, 'Drop at most this many connections (default: every one)')
            [CompletionResult]::new('--silent-after', '--silent-after', [CompletionResultType]::ParameterName, 'Stop answering (no acks, no events) after N events on a connection, socket left open; 0 means silent from the start')
            [CompletionResult]::new('--clock-skew', '--clock-skew', [CompletionResultType]::ParameterName, 'Shift the `Date` header of token responses by this much, as a server whose clock differs from the client''s (e.g. 5m, or -5m for a server behind)')
            [CompletionResult]::new('--second-connection', '--second-connection', [CompletionResultType]::ParameterName, 'What happens when a second client connects to the same subscription')
            [CompletionResult]::new('--fail-token', '--fail-token', [CompletionResultType]::ParameterName, 'Fail the first N token requests with --fail-status')
            [CompletionResult]::new('--fail-status', '--fail-status', [CompletionResultType]::ParameterName, 'HTTP status for --fail-token (500 and 429 are typical)')
            [CompletionResult]::new('--retry-after', '--retry-after', [CompletionResultType]::ParameterName, '`Retry-After` seconds sent with a 429')
            [CompletionResult]::new('--hang-token', '--hang-token', [CompletionResultType]::ParameterName, 'Leave the first N token requests unanswered')
            [CompletionResult]::new('--hang-upgrade', '--hang-upgrade', [CompletionResultType]::ParameterName, 'Accept the TCP connection of the first N WebSocket requests but never answer them')
            [CompletionResult]::new('--refuse-upgrade', '--refuse-upgrade', [CompletionResultType]::ParameterName, 'Refuse WebSocket upgrades with this HTTP status (401, 403, 404, 500, ...)')
            [CompletionResult]::new('--refuse-count', '--refuse-count', [CompletionResultType]::ParameterName, 'How many upgrades --refuse-upgrade refuses')
            [CompletionResult]::new('--malformed-every', '--malformed-every', [CompletionResultType]::ParameterName, 'After every N events, send a malformed frame (non-JSON, binary, bad content, unknown module, deep nesting, in turn)')
            [CompletionResult]::new('--oversize-after', '--oversize-after', [CompletionResultType]::ParameterName, 'After N events, send one text frame over 16 MiB (once)')
            [CompletionResult]::new('--replay-on-reconnect', '--replay-on-reconnect', [CompletionResultType]::ParameterName, 'Resend the last N delivered events to each new connection (a redelivering server)')
            [CompletionResult]::new('--seed', '--seed', [CompletionResultType]::ParameterName, 'Seed for --chaos, to replay a run')
            [CompletionResult]::new('--chaos-healthy', '--chaos-healthy', [CompletionResultType]::ParameterName, 'How long a healthy --chaos connection lasts')
            [CompletionResult]::new('--idle-timeout', '--idle-timeout', [CompletionResultType]::ParameterName, 'Close sockets that send no heartbeat for this long')
            [CompletionResult]::new('--record', '--record', [CompletionResultType]::ParameterName, 'Append every event actually delivered to a client to this file, one JSON line each')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print each event as one line of JSON, exactly as Zoom sent it (short for --output json)')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'With --jq, print strings as plain text rather than JSON (like jq -r); control characters stay escaped, so each value is one line')
            [CompletionResult]::new('--raw-output', '--raw-output', [CompletionResultType]::ParameterName, 'With --jq, print strings as plain text rather than JSON (like jq -r); control characters stay escaped, so each value is one line')
            [CompletionResult]::new('--stats', '--stats', [CompletionResultType]::ParameterName, 'On exit, print counts by event type, reconnects, heartbeat round trips and lag to stderr (SIGUSR1 prints them at any time, with or without --stats)')
            [CompletionResult]::new('--chaos', '--chaos', [CompletionResultType]::ParameterName, 'Give each connection a random fault: close codes, resets, silence, token rejection, with a healthy connection now and then')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zoomws;doctor' {
            [CompletionResult]::new('--account-id', '--account-id', [CompletionResultType]::ParameterName, 'Account ID of the Server-to-Server OAuth app')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID of the Server-to-Server OAuth app')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'Client secret of the app (prefer the environment or .env: flags show in `ps`)')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'Read the client secret from this file (trailing newline ignored), e.g. a mounted secret')
            [CompletionResult]::new('--subscription-id', '--subscription-id', [CompletionResultType]::ParameterName, 'Event subscription ID (also taken from a --ws-url that carries `subscriptionId`)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'Token endpoint [default: https://zoom.us/oauth/token; with --gov, https://zoomgov.com/oauth/token]')
            [CompletionResult]::new('--ws-url', '--ws-url', [CompletionResultType]::ParameterName, 'WebSocket endpoint, as shown on the subscription page [default: wss://ws.zoom.us/ws; with --gov, wss://ws.zoomgov.com/ws]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ./.env')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (`zoomws config init` writes one to start from)')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Reach Zoom through this HTTP proxy, http://[USER:PASSWORD@]HOST:PORT (default: HTTPS_PROXY, then ALL_PROXY)')
            [CompletionResult]::new('--no-proxy', '--no-proxy', [CompletionResultType]::ParameterName, 'Hosts reached without the proxy, comma-separated: `zoom.us`, `.corp.example`, `10.0.0.0/8`, `*` for all (default: NO_PROXY)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, besides the system''s (for a TLS-inspecting proxy or a private gateway)')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Give up on each network step (resolve, connect, request, handshake) after this long')
            [CompletionResult]::new('--heartbeat-timeout', '--heartbeat-timeout', [CompletionResultType]::ParameterName, 'Fail the heartbeat step when no answer arrives within this long')
            [CompletionResult]::new('--max-clock-skew', '--max-clock-skew', [CompletionResultType]::ParameterName, 'Largest difference from the server''s clock that passes the clock step')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)')
            [CompletionResult]::new('--gov', '--gov', [CompletionResultType]::ParameterName, 'Zoom for Government: default to https://zoomgov.com/oauth/token and wss://ws.zoomgov.com/ws. Zoom does not document the WebSocket host (it is inferred), so copy the endpoint URL from your subscription page into --ws-url')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the report as one JSON object')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zoomws;config' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every setting with its value and where it came from (secrets masked)')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented profile file (mode 600) and print its path')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'zoomws;config;show' {
            [CompletionResult]::new('--account-id', '--account-id', [CompletionResultType]::ParameterName, 'Account ID of the Server-to-Server OAuth app')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'Client ID of the Server-to-Server OAuth app')
            [CompletionResult]::new('--client-secret', '--client-secret', [CompletionResultType]::ParameterName, 'Client secret of the app (prefer the environment or .env: flags show in `ps`)')
            [CompletionResult]::new('--client-secret-file', '--client-secret-file', [CompletionResultType]::ParameterName, 'Read the client secret from this file (trailing newline ignored), e.g. a mounted secret')
            [CompletionResult]::new('--subscription-id', '--subscription-id', [CompletionResultType]::ParameterName, 'Event subscription ID (also taken from a --ws-url that carries `subscriptionId`)')
            [CompletionResult]::new('--oauth-url', '--oauth-url', [CompletionResultType]::ParameterName, 'Token endpoint [default: https://zoom.us/oauth/token; with --gov, https://zoomgov.com/oauth/token]')
            [CompletionResult]::new('--ws-url', '--ws-url', [CompletionResultType]::ParameterName, 'WebSocket endpoint, as shown on the subscription page [default: wss://ws.zoom.us/ws; with --gov, wss://ws.zoomgov.com/ws]')
            [CompletionResult]::new('--env-file', '--env-file', [CompletionResultType]::ParameterName, 'Read settings from this file instead of ./.env')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use this profile of the config file (`zoomws config init` writes one to start from)')
            [CompletionResult]::new('--proxy', '--proxy', [CompletionResultType]::ParameterName, 'Reach Zoom through this HTTP proxy, http://[USER:PASSWORD@]HOST:PORT (default: HTTPS_PROXY, then ALL_PROXY)')
            [CompletionResult]::new('--no-proxy', '--no-proxy', [CompletionResultType]::ParameterName, 'Hosts reached without the proxy, comma-separated: `zoom.us`, `.corp.example`, `10.0.0.0/8`, `*` for all (default: NO_PROXY)')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Also trust the CA certificates in this PEM file, besides the system''s (for a TLS-inspecting proxy or a private gateway)')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)')
            [CompletionResult]::new('--gov', '--gov', [CompletionResultType]::ParameterName, 'Zoom for Government: default to https://zoomgov.com/oauth/token and wss://ws.zoomgov.com/ws. Zoom does not document the WebSocket host (it is inferred), so copy the endpoint URL from your subscription page into --ws-url')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zoomws;config;init' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace the file if it exists')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zoomws;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every setting with its value and where it came from (secrets masked)')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented profile file (mode 600) and print its path')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'zoomws;config;help;show' {
            break
        }
        'zoomws;config;help;init' {
            break
        }
        'zoomws;config;help;help' {
            break
        }
        'zoomws;completions' {
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to colour the output; `auto` means on a terminal, unless NO_COLOR or TERM=dumb is set, and in a pipe too when CLICOLOR_FORCE is set (not 0)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print more detail on stderr, with times (-v: decisions and events, -vv: every frame)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only errors on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only errors on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'zoomws;help' {
            [CompletionResult]::new('tail', 'tail', [CompletionResultType]::ParameterValue, 'Connect to the event subscription and print events as they arrive')
            [CompletionResult]::new('mock', 'mock', [CompletionResultType]::ParameterValue, 'Run a local Zoom emulator (token and WebSocket endpoints) for zoomws or your own code')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Run the emulator in-process and tail it: see zoomws work without a Zoom account')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check each step from settings to heartbeat, and say what to fix when one fails')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show the settings in effect, or write a profile file to start from')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a completion script for your shell (see the README for where to put it)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'zoomws;help;tail' {
            break
        }
        'zoomws;help;mock' {
            break
        }
        'zoomws;help;demo' {
            break
        }
        'zoomws;help;doctor' {
            break
        }
        'zoomws;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every setting with its value and where it came from (secrets masked)')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented profile file (mode 600) and print its path')
            break
        }
        'zoomws;help;config;show' {
            break
        }
        'zoomws;help;config;init' {
            break
        }
        'zoomws;help;completions' {
            break
        }
        'zoomws;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}

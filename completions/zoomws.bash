_zoomws() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="zoomws"
                ;;
            zoomws,completions)
                cmd="zoomws__subcmd__completions"
                ;;
            zoomws,config)
                cmd="zoomws__subcmd__config"
                ;;
            zoomws,demo)
                cmd="zoomws__subcmd__demo"
                ;;
            zoomws,doctor)
                cmd="zoomws__subcmd__doctor"
                ;;
            zoomws,help)
                cmd="zoomws__subcmd__help"
                ;;
            zoomws,mock)
                cmd="zoomws__subcmd__mock"
                ;;
            zoomws,tail)
                cmd="zoomws__subcmd__tail"
                ;;
            zoomws__subcmd__config,help)
                cmd="zoomws__subcmd__config__subcmd__help"
                ;;
            zoomws__subcmd__config,init)
                cmd="zoomws__subcmd__config__subcmd__init"
                ;;
            zoomws__subcmd__config,show)
                cmd="zoomws__subcmd__config__subcmd__show"
                ;;
            zoomws__subcmd__config__subcmd__help,help)
                cmd="zoomws__subcmd__config__subcmd__help__subcmd__help"
                ;;
            zoomws__subcmd__config__subcmd__help,init)
                cmd="zoomws__subcmd__config__subcmd__help__subcmd__init"
                ;;
            zoomws__subcmd__config__subcmd__help,show)
                cmd="zoomws__subcmd__config__subcmd__help__subcmd__show"
                ;;
            zoomws__subcmd__help,completions)
                cmd="zoomws__subcmd__help__subcmd__completions"
                ;;
            zoomws__subcmd__help,config)
                cmd="zoomws__subcmd__help__subcmd__config"
                ;;
            zoomws__subcmd__help,demo)
                cmd="zoomws__subcmd__help__subcmd__demo"
                ;;
            zoomws__subcmd__help,doctor)
                cmd="zoomws__subcmd__help__subcmd__doctor"
                ;;
            zoomws__subcmd__help,help)
                cmd="zoomws__subcmd__help__subcmd__help"
                ;;
            zoomws__subcmd__help,mock)
                cmd="zoomws__subcmd__help__subcmd__mock"
                ;;
            zoomws__subcmd__help,tail)
                cmd="zoomws__subcmd__help__subcmd__tail"
                ;;
            zoomws__subcmd__help__subcmd__config,init)
                cmd="zoomws__subcmd__help__subcmd__config__subcmd__init"
                ;;
            zoomws__subcmd__help__subcmd__config,show)
                cmd="zoomws__subcmd__help__subcmd__config__subcmd__show"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        zoomws)
            opts="-v -q -h -V --verbose --quiet --color --help --version tail mock demo doctor config completions help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__completions)
            opts="-v -q -h -V --verbose --quiet --color --help --version bash elvish fish powershell zsh"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__config)
            opts="-v -q -h -V --verbose --quiet --color --help --version show init help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__config__subcmd__help)
            opts="show init help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__config__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__config__subcmd__help__subcmd__init)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__config__subcmd__help__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__config__subcmd__init)
            opts="-v -q -h -V --force --verbose --quiet --color --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__config__subcmd__show)
            opts="-v -q -h -V --account-id --client-id --client-secret --client-secret-file --subscription-id --oauth-url --ws-url --env-file --profile --gov --proxy --no-proxy --ca-cert --verbose --quiet --color --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --account-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-secret-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subscription-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oauth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ws-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --no-proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__demo)
            opts="-o -r -e -x -n -v -q -h -V --output --json --template --jq --raw-output --event --exclude-event --filter --timestamps --lag-warn --count --timeout --stats --heartbeat-interval --heartbeat-timeout --backoff-initial --backoff-max --connect-timeout --max-retries --backlog-warn --account-id --client-id --client-secret --subscription-id --rate --events-file --limit --token-ttl --reject-text --reject-tokens --expire-live --token-policy --drop-after --drop-mode --drop-code --max-drops --silent-after --clock-skew --second-connection --fail-token --fail-status --retry-after --hang-token --hang-upgrade --refuse-upgrade --refuse-count --malformed-every --oversize-after --replay-on-reconnect --chaos --seed --chaos-healthy --idle-timeout --record --verbose --quiet --color --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "pretty json json-pretty raw template" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "pretty json json-pretty raw template" -- "${cur}"))
                    return 0
                    ;;
                --template)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --jq)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --event)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --exclude-event)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -x)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timestamps)
                    COMPREPLY=($(compgen -W "local utc rfc3339 none" -- "${cur}"))
                    return 0
                    ;;
                --lag-warn)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --heartbeat-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --heartbeat-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --backoff-initial)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --backoff-max)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --backlog-warn)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --account-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subscription-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token-ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --reject-text)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --reject-tokens)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expire-live)
                    COMPREPLY=($(compgen -W "ignore close" -- "${cur}"))
                    return 0
                    ;;
                --token-policy)
                    COMPREPLY=($(compgen -W "multi single" -- "${cur}"))
                    return 0
                    ;;
                --drop-after)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --drop-mode)
                    COMPREPLY=($(compgen -W "close reset" -- "${cur}"))
                    return 0
                    ;;
                --drop-code)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-drops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --silent-after)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --clock-skew)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --second-connection)
                    COMPREPLY=($(compgen -W "kick-old reject-new fanout" -- "${cur}"))
                    return 0
                    ;;
                --fail-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fail-status)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-after)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hang-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hang-upgrade)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --refuse-upgrade)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --refuse-count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --malformed-every)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oversize-after)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --replay-on-reconnect)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --seed)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --chaos-healthy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --idle-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --record)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__doctor)
            opts="-v -q -h -V --account-id --client-id --client-secret --client-secret-file --subscription-id --oauth-url --ws-url --env-file --profile --gov --proxy --no-proxy --ca-cert --json --connect-timeout --heartbeat-timeout --max-clock-skew --verbose --quiet --color --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --account-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-secret-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subscription-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oauth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ws-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --no-proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --heartbeat-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-clock-skew)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__help)
            opts="tail mock demo doctor config completions help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__help__subcmd__completions)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__help__subcmd__config)
            opts="show init"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__help__subcmd__config__subcmd__init)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__help__subcmd__config__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__help__subcmd__demo)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__help__subcmd__doctor)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__help__subcmd__mock)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__help__subcmd__tail)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__mock)
            opts="-v -q -h -V --port --tls-cert --tls-key --account-id --client-id --client-secret --subscription-id --rate --events-file --limit --token-ttl --reject-text --reject-tokens --expire-live --token-policy --drop-after --drop-mode --drop-code --max-drops --silent-after --clock-skew --second-connection --fail-token --fail-status --retry-after --hang-token --hang-upgrade --refuse-upgrade --refuse-count --malformed-every --oversize-after --replay-on-reconnect --chaos --seed --chaos-healthy --idle-timeout --record --verbose --quiet --color --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --port)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --tls-key)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --account-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subscription-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --events-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --token-ttl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --reject-text)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --reject-tokens)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expire-live)
                    COMPREPLY=($(compgen -W "ignore close" -- "${cur}"))
                    return 0
                    ;;
                --token-policy)
                    COMPREPLY=($(compgen -W "multi single" -- "${cur}"))
                    return 0
                    ;;
                --drop-after)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --drop-mode)
                    COMPREPLY=($(compgen -W "close reset" -- "${cur}"))
                    return 0
                    ;;
                --drop-code)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-drops)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --silent-after)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --clock-skew)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --second-connection)
                    COMPREPLY=($(compgen -W "kick-old reject-new fanout" -- "${cur}"))
                    return 0
                    ;;
                --fail-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fail-status)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --retry-after)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hang-token)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --hang-upgrade)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --refuse-upgrade)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --refuse-count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --malformed-every)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oversize-after)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --replay-on-reconnect)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --seed)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --chaos-healthy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --idle-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --record)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        zoomws__subcmd__tail)
            opts="-o -r -e -x -n -v -q -h -V --account-id --client-id --client-secret --client-secret-file --subscription-id --oauth-url --ws-url --env-file --profile --gov --output --json --template --jq --raw-output --event --exclude-event --filter --timestamps --lag-warn --count --timeout --stats --heartbeat-interval --heartbeat-timeout --backoff-initial --backoff-max --connect-timeout --max-retries --backlog-warn --proxy --no-proxy --ca-cert --verbose --quiet --color --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --account-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-secret)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-secret-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --subscription-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oauth-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ws-url)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --env-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --profile)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "pretty json json-pretty raw template" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "pretty json json-pretty raw template" -- "${cur}"))
                    return 0
                    ;;
                --template)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --jq)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --event)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -e)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --exclude-event)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -x)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timestamps)
                    COMPREPLY=($(compgen -W "local utc rfc3339 none" -- "${cur}"))
                    return 0
                    ;;
                --lag-warn)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --count)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                -n)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --heartbeat-interval)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --heartbeat-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --backoff-initial)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --backoff-max)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --connect-timeout)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-retries)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --backlog-warn)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --no-proxy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ca-cert)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _zoomws -o nosort -o bashdefault -o default zoomws
else
    complete -F _zoomws -o bashdefault -o default zoomws
fi

# Reads the Dockerfile and runs its build stage outside a container engine. Sourced by scripts/check-image.sh and
# scripts/image-size.sh, so both follow the file the same way.
readonly dockerfile=Dockerfile

# One instruction per line, prefixed with its stage index: continuations joined, comments dropped.
instructions() {
  awk '/^[[:space:]]*#/ { next }
       { line = line $0; if (sub(/\\[[:space:]]*$/, " ", line)) next }
       line ~ /^[[:space:]]*$/ { line = ""; next }
       { if (toupper(line) ~ /^[[:space:]]*FROM[[:space:]]/) stage++; print stage - 1 "\t" line; line = "" }' "$dockerfile"
}
stage_index() {  # index of the stage named $1, or of the last stage for "last"
  if [ "$1" = last ]; then instructions | awk -F'\t' 'END { print $1 }'
  else instructions | awk -F'\t' -v name="$1" 'tolower($2) ~ ("^from .* as " name "$") { print $1; exit }'; fi
}
stage() { instructions | awk -F'\t' -v s="$1" '$1 == s { print $2 }'; }    # instructions of stage $1
stage_image() { stage "$1" | grep -m1 -iE '^FROM ' | awk '{ print $2 }'; }  # the image stage $1 starts from
base_image() {  # the registry image stage $1 rests on, following a FROM that names an earlier stage
  local image index
  image=$(stage_image "$1"); index=$(stage_index "$image")
  if [ -n "$index" ] && [ "$index" != "$1" ]; then base_image "$index"; else echo "$image"; fi
}
stage_arg() { stage "$1" | sed -nE "s/^ARG $2=\"?([^\"]*)\"?\$/\1/p" | head -n 1; }  # ARG $2's default in stage $1
words_after() { sed -E "s/^[[:space:]]*$1[[:space:]]+//I"; }
apt_packages() {  # the packages of the `apt-get install` in a stage's instructions (stdin)
  grep -E '^RUN .*apt-get install' | sed 's/&&/\n/g; s/;/\n/g' | grep 'apt-get install' \
    | sed -E 's/.*apt-get install//' | tr ' ' '\n' | grep -Ev '^(-.*)?$' | sed 's/=.*//' | sort -u
}
install_run() {  # the shell command of the RUN that installs a stage's packages (stage index $1)
  stage "$1" | grep -m1 -E '^RUN .*apt-get install' | words_after RUN
}

# Runs the RUNs of stage $1 that follow its apt-get install, each as written (bash -euo pipefail, the stage's SHELL),
# on this machine, which must have the stage's packages installed: the stage's ARG defaults are in the environment
# and every remaining argument /DIR=PATH replaces the absolute directory /DIR with PATH (paths without spaces).
run_stage_runs() {
  local index=$1 pair script name value; shift
  local -a substitutions=() environment=()
  for pair in "$@"; do
    [[ "${pair#*=}" != *[[:space:]]* ]] || { echo "$pair: paths must not contain spaces" >&2; return 1; }
    substitutions+=(-e "s#${pair%%=*}\\b#${pair#*=}#g")
  done
  while IFS= read -r name; do
    value=$(stage_arg "$index" "$name"); environment+=("$name=$value")
  done < <(stage "$index" | sed -nE 's/^ARG ([A-Za-z_][A-Za-z0-9_]*)=.*/\1/p')
  while IFS= read -r script; do
    env "${environment[@]}" bash -euo pipefail -c "$(sed "${substitutions[@]}" <<<"$script")" || return
  done < <(stage "$index" | grep -E '^RUN ' | grep -v 'apt-get install' | words_after RUN)
}

# The build stage's RUN that builds the product and stages what the runtime copies in /staging: it is run here as
# the Dockerfile has it, with only two substitutions (a local staging directory, and a --scratch-path for SwiftPM).
build_run() { stage "$(stage_index build)" | grep -m1 -E '^RUN swift build .*--product' | words_after RUN; }
build_command() {  # the `swift build ... --product NAME` command of that RUN
  build_run | sed 's/&&/\n/g' | sed -E 's/^[[:space:]]+//; s/[[:space:]]+$//' | grep -m1 -E '^swift build .*--product' || true
}

# Copies the build stage's COPY sources minus .dockerignore into $1 (the build context a daemon would get).
# Prints what is wrong and fails when .dockerignore is not the allowlist form this reader understands.
# (Locals are named so that they never shadow the callers' readonly globals.)
stage_build_context() {
  local into=$1 rules allowed=() prune=() problems=() src matches file files=() sources
  rules=$(grep -vE '^[[:space:]]*(#|$)' .dockerignore 2>/dev/null) || { echo "no .dockerignore"; return 1; }
  [ "$(head -n 1 <<<"$rules")" = '*' ] || { echo ".dockerignore must start with '*' (an allowlist)"; return 1; }
  while IFS= read -r rule; do
    case "$rule" in
      '*') ;;
      '!'*) allowed+=("${rule#!}") ;;
      '**/'*) prune+=(-name "${rule#\*\*/}" -prune -o) ;;
      *) problems+=(".dockerignore rule '$rule' is not a form this check understands") ;;
    esac
  done <<<"$rules"
  mapfile -t sources < <(stage "$(stage_index build)" | grep -iE '^COPY ' | grep -v -- '--from' | words_after COPY \
    | awk '{ for (i = 1; i < NF; i++) if ($i !~ /^--/) print $i }')
  for src in "${sources[@]}"; do
    mapfile -t matches < <(compgen -G "$src" || true)
    [ ${#matches[@]} -gt 0 ] || { problems+=("COPY source $src matches nothing"); continue; }
    for file in "${matches[@]}"; do
      [[ " ${allowed[*]} " == *" ${file%%/*} "* ]] || problems+=("COPY source $file is excluded by .dockerignore")
      mapfile -t -O "${#files[@]}" files < <(find "$file" "${prune[@]}" -type f -print)
    done
  done
  [ ${#problems[@]} = 0 ] || { printf '%s\n' "${problems[@]}"; return 1; }
  # Copy only what changed, so file identities stay and the release build stays incremental.
  mkdir -p "$into"
  for file in "${files[@]}"; do
    cmp -s "$file" "$into/$file" || { mkdir -p "$into/$(dirname "$file")"; cp -p "$file" "$into/$file"; }
  done
  (cd "$into" && find . -type f ! -path ./Package.resolved -printf '%P\n') | sort \
    | comm -23 - <(printf '%s\n' "${files[@]}" | sort) | while IFS= read -r file; do rm -f "$into/$file"; done
  echo "${#files[@]} files from ${sources[*]}"
}

# Runs build_run in context $1 with SwiftPM scratch $2, staging into $3 instead of /staging (paths without spaces).
run_build_stage() {
  local in_dir=$1 scratch_dir=$2 staging_dir=$3 script
  [[ "$scratch_dir$staging_dir" != *[[:space:]]* ]] || { echo "scratch and staging paths must not contain spaces" >&2; return 1; }
  script=$(build_run | sed -E "s#swift build #swift build --scratch-path $scratch_dir #g; s#/staging\\b#$staging_dir#g")
  rm -rf "$staging_dir"
  (cd "$in_dir" && bash -euo pipefail -c "$script")
}

/**
 * How a chat message becomes a knowledge-base search: greetings, politeness
 * and small words go (in English, French and German, the languages Koji speaks), the key terms stay, in order, each once.
 */
const STOP_WORDS = new Set(
  `hi hello hey hiya yo morning afternoon evening good dear team there thanks thank thx cheers please pls plz help helpdesk
  i im i'm me my mine myself we our us you your it its it's this that these those a an the and or but so if then than
  to of in on at for from with by about as into onto over after before up out off again
  is are was were be been being am do does did doing done have has had having can could would should will shall may might must
  not no dont don't doesnt doesn't didnt didn't cant can't cannot wont won't isnt isn't wasnt aint
  what whats what's how hows why when where which who whom anyone someone somebody anybody something anything
  just really very still also too any some all get got getting keep keeps kept need needs want wants trying try tried
  know tell let lets let's make makes work working works seem seems seemed anymore today now again suddenly
  issue issues problem problems question trouble operator operators agent agents human humans person people support
  bonjour salut bonsoir merci svp stp aide je j'ai me moi mon ma mes nous vous votre vos il elle on le la les un une des du de d'
  et ou mais donc si que qui quoi est sont suis ai a ne n'est pas plus ce cet cette ces ça au aux en dans pour par sur avec
  peux peut pouvez pouvez-vous aider m'aider se s' comment pourquoi quand encore toujours problème souci
  hallo guten tag morgen danke bitte hilfe ich mir mich mein meine wir uns sie ihr ihre es der die das den dem ein eine einen
  und oder aber wenn dann ist sind bin habe hat kann können nicht kein keine mehr zu im am mit von für auf bei wie warum noch
  immer problem helfen helft`.split(/\s+/),
);

/** At most this many terms: a long message keeps its first key words. */
const MAX_TERMS = 8;

export function searchQueryOf(message: string): string {
  const words = message
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/[^\p{L}\p{N}'-]+/u)
    .map((w) => w.replace(/^['-]+|['-]+$/g, ''))
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w) && !STOP_WORDS.has(w.replace(/'/g, '')));
  return [...new Set(words)].slice(0, MAX_TERMS).join(' ');
}

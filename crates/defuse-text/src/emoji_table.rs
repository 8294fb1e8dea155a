//! Emoji sentiment scores derived from the Emoji Sentiment Ranking 1.0:
//! Kralj Novak P., Smailović J., Sluban B., Mozetič I., CLARIN.SI, http://hdl.handle.net/11356/1048,
//! licensed CC BY-SA 4.0. This derived table (emoji with at least 5 occurrences, score
//! p(+) − p(−) ×100 rounded) stays under CC BY-SA 4.0; see NOTICE. Regenerate with
//! `python3 scripts/gen_emoji_table.py`.

/// (code point, sentiment score ×100), sorted by code point.
pub static EMOJI_SCORES: &[(u32, i8)] = &[
    (0xA6, 58),     // broken bar
    (0xA9, 12),     // copyright sign
    (0xAE, 28),     // registered sign
    (0x6DE, 0),     // arabic start of rub el hizb
    (0x6E9, 0),     // arabic place of sajdah
    (0x21AA, 9),    // rightwards arrow with hook
    (0x21B3, 0),    // downwards arrow with tip rightwards
    (0x21BE, 65),   // upwards harpoon with barb rightwards
    (0x21BF, 65),   // upwards harpoon with barb leftwards
    (0x21E7, 12),   // upwards white arrow
    (0x21E8, 45),   // rightwards white arrow
    (0x21E9, 0),    // downwards white arrow
    (0x2312, 54),   // arc
    (0x231A, 20),   // watch
    (0x231B, 10),   // hourglass
    (0x23E9, 11),   // black right-pointing double triangle
    (0x23F0, 44),   // alarm clock
    (0x23F3, 0),    // hourglass with flowing sand
    (0x24B6, -10),  // circled latin capital letter a
    (0x24BA, 33),   // circled latin capital letter e
    (0x24C1, 33),   // circled latin capital letter l
    (0x24C2, 25),   // circled latin capital letter m
    (0x2500, 14),   // box drawings light horizontal
    (0x2501, 18),   // box drawings heavy horizontal
    (0x2502, 34),   // box drawings light vertical
    (0x2503, 36),   // box drawings heavy vertical
    (0x2508, -59),  // box drawings light quadruple dash horizontal
    (0x250A, 96),   // box drawings light quadruple dash vertical
    (0x2510, -12),  // box drawings light down and left
    (0x2513, 44),   // box drawings heavy down and left
    (0x251B, 55),   // box drawings heavy up and left
    (0x2523, 44),   // box drawings heavy vertical and right
    (0x2533, -35),  // box drawings heavy down and horizontal
    (0x253B, -36),  // box drawings heavy up and horizontal
    (0x253C, 0),    // box drawings light vertical and horizontal
    (0x2550, 2),    // box drawings double horizontal
    (0x2551, 14),   // box drawings double vertical
    (0x2554, 25),   // box drawings double down and right
    (0x2557, 35),   // box drawings double down and left
    (0x255A, 29),   // box drawings double up and right
    (0x255D, 44),   // box drawings double up and left
    (0x2560, 21),   // box drawings double vertical and right
    (0x2563, 0),    // box drawings double vertical and left
    (0x2565, 11),   // box drawings down double and horizontal single
    (0x2566, 36),   // box drawings double down and horizontal
    (0x2569, 20),   // box drawings double up and horizontal
    (0x256C, -14),  // box drawings double vertical and horizontal
    (0x256D, 16),   // box drawings light arc down and right
    (0x256E, 13),   // box drawings light arc down and left
    (0x256F, -1),   // box drawings light arc up and left
    (0x2570, -6),   // box drawings light arc up and right
    (0x2571, 0),    // box drawings light diagonal upper right to lower left
    (0x2580, -14),  // upper half block
    (0x2581, 0),    // lower one eighth block
    (0x2582, 0),    // lower one quarter block
    (0x2583, 90),   // lower three eighths block
    (0x2584, -7),   // lower half block
    (0x2588, -3),   // full block
    (0x258C, -25),  // left half block
    (0x2590, -13),  // right half block
    (0x2591, -5),   // light shade
    (0x2592, -3),   // medium shade
    (0x2593, 1),    // dark shade
    (0x25A0, -25),  // black square
    (0x25A1, -21),  // white square
    (0x25AA, 20),   // black small square
    (0x25AC, 46),   // black rectangle
    (0x25B2, 50),   // black up-pointing triangle
    (0x25B6, 21),   // black right-pointing triangle
    (0x25B8, 22),   // black right-pointing small triangle
    (0x25BA, 16),   // black right-pointing pointer
    (0x25BC, 8),    // black down-pointing triangle
    (0x25BD, 40),   // white down-pointing triangle
    (0x25C0, 27),   // black left-pointing triangle
    (0x25C2, 25),   // black left-pointing small triangle
    (0x25C4, 22),   // black left-pointing pointer
    (0x25C6, 56),   // black diamond
    (0x25C9, 26),   // fisheye
    (0x25CB, 45),   // white circle
    (0x25CF, 18),   // black circle
    (0x25D5, 43),   // circle with all but upper left quadrant black
    (0x25DE, 0),    // lower right quadrant circular arc
    (0x25DF, -6),   // lower left quadrant circular arc
    (0x25E0, 44),   // upper half circle
    (0x25E1, 22),   // lower half circle
    (0x25E2, 62),   // black lower right triangle
    (0x25E4, 75),   // black upper left triangle
    (0x2600, 47),   // black sun with rays
    (0x2601, 31),   // cloud
    (0x2602, 0),    // umbrella
    (0x2604, 0),    // comet
    (0x2605, 28),   // black star
    (0x2606, 43),   // white star
    (0x2609, 18),   // sun
    (0x260E, 0),    // black telephone
    (0x2610, -67),  // ballot box
    (0x2611, 10),   // ballot box with check
    (0x2614, 29),   // umbrella with rain drops
    (0x2615, 24),   // hot beverage
    (0x261B, 33),   // black right pointing index
    (0x261D, 31),   // white up pointing index
    (0x261E, 11),   // white right pointing index
    (0x2620, -3),   // skull and crossbones
    (0x2628, 0),    // cross of lorraine
    (0x262E, 0),    // peace symbol
    (0x262F, 0),    // yin yang
    (0x2637, 6),    // trigram for earth
    (0x2639, -52),  // white frowning face
    (0x263A, 66),   // white smiling face
    (0x263B, 20),   // black smiling face
    (0x263C, 20),   // white sun with rays
    (0x263E, 0),    // last quarter moon
    (0x2642, 12),   // male sign
    (0x264C, 56),   // leo
    (0x264E, -10),  // libra
    (0x2654, 54),   // white chess king
    (0x2655, 39),   // white chess queen
    (0x265A, 4),    // black chess king
    (0x265B, 19),   // black chess queen
    (0x2660, 30),   // black spade suit
    (0x2661, 67),   // white heart suit
    (0x2662, 30),   // white diamond suit
    (0x2663, 34),   // black club suit
    (0x2665, 66),   // black heart suit
    (0x2666, 45),   // black diamond suit
    (0x2667, 47),   // white club suit
    (0x2668, 87),   // hot springs
    (0x2669, 52),   // quarter note
    (0x266A, 53),   // eighth note
    (0x266B, 29),   // beamed eighth notes
    (0x266C, 24),   // beamed sixteenth notes
    (0x266E, 12),   // music natural sign
    (0x267B, 47),   // black universal recycling symbol
    (0x2693, 57),   // anchor
    (0x26A0, -7),   // warning sign
    (0x26A1, 18),   // high voltage sign
    (0x26AA, 45),   // medium white circle
    (0x26AB, 24),   // medium black circle
    (0x26BD, 62),   // soccer ball
    (0x26BE, -4),   // baseball
    (0x26C4, 52),   // snowman without snow
    (0x26C5, 45),   // sun behind cloud
    (0x26D4, 49),   // no entry
    (0x26EA, 12),   // church
    (0x26F2, 6),    // fountain
    (0x26F3, 64),   // flag in hole
    (0x26F5, 50),   // sailboat
    (0x26FA, 46),   // tent
    (0x26FD, 15),   // fuel pump
    (0x2702, -46),  // black scissors
    (0x2705, 41),   // white heavy check mark
    (0x2708, 42),   // airplane
    (0x2709, 25),   // envelope
    (0x270A, 43),   // raised fist
    (0x270B, 13),   // raised hand
    (0x270C, 46),   // victory hand
    (0x270E, 50),   // lower right pencil
    (0x270F, 34),   // pencil
    (0x2712, 23),   // black nib
    (0x2713, 29),   // check mark
    (0x2714, 27),   // heavy check mark
    (0x2716, 31),   // heavy multiplication x
    (0x2718, 56),   // heavy ballot x
    (0x271E, 33),   // shadowed white latin cross
    (0x2726, 6),    // black four pointed star
    (0x2727, 32),   // white four pointed star
    (0x2728, 35),   // sparkles
    (0x2729, 0),    // stress outlined white star
    (0x272A, 30),   // circled white star
    (0x272F, 0),    // pinwheel star
    (0x2730, 79),   // shadowed white star
    (0x2733, 0),    // eight spoked asterisk
    (0x273F, 38),   // black florette
    (0x2740, 40),   // white florette
    (0x2741, 6),    // eight petalled outlined black florette
    (0x2744, 51),   // snowflake
    (0x2745, 60),   // tight trifoliate snowflake
    (0x274A, 0),    // eight teardrop-spoked propeller asterisk
    (0x274C, 27),   // cross mark
    (0x2752, 23),   // upper right shadowed white square
    (0x2753, 7),    // black question mark ornament
    (0x2754, 0),    // white question mark ornament
    (0x2755, 20),   // white exclamation mark ornament
    (0x2757, 10),   // heavy exclamation mark symbol
    (0x2764, 75),   // heavy black heart
    (0x2765, 24),   // rotated heavy black heart bullet
    (0x2794, -12),  // heavy wide-headed rightwards arrow
    (0x2795, 53),   // heavy plus sign
    (0x279C, 16),   // heavy round-tipped rightwards arrow
    (0x27A1, 15),   // black rightwards arrow
    (0x27A4, 31),   // black rightwards arrowhead
    (0x27A8, 14),   // heavy concave-pointed black rightwards arrow
    (0x27B0, -9),   // curly loop
    (0x2800, 5),    // braille pattern blank
    (0x2B05, 47),   // leftwards black arrow
    (0x2B06, 29),   // upwards black arrow
    (0x2B07, 39),   // downwards black arrow
    (0x2B50, 58),   // white medium star
    (0xFFFC, -48),  // object replacement character
    (0xFFFD, 9),    // replacement character
    (0x1F0CF, 8),   // playing card black joker
    (0x1F170, 22),  // negative squared latin capital letter a
    (0x1F17E, -12), // negative squared latin capital letter o
    (0x1F192, 36),  // squared cool
    (0x1F193, 20),  // squared free
    (0x1F194, 75),  // squared id
    (0x1F197, 54),  // squared ok
    (0x1F198, 7),   // squared sos
    (0x1F1E7, 27),  // regional indicator symbol letter b
    (0x1F1E9, 61),  // regional indicator symbol letter d
    (0x1F1EA, 62),  // regional indicator symbol letter e
    (0x1F1EB, 47),  // regional indicator symbol letter f
    (0x1F1EC, 27),  // regional indicator symbol letter g
    (0x1F1EE, 59),  // regional indicator symbol letter i
    (0x1F1F1, 40),  // regional indicator symbol letter l
    (0x1F1F2, 40),  // regional indicator symbol letter m
    (0x1F1F4, 33),  // regional indicator symbol letter o
    (0x1F1F7, 67),  // regional indicator symbol letter r
    (0x1F1F8, 51),  // regional indicator symbol letter s
    (0x1F1F9, 58),  // regional indicator symbol letter t
    (0x1F1FA, 54),  // regional indicator symbol letter u
    (0x1F1FC, 33),  // regional indicator symbol letter w
    (0x1F239, 29),  // squared cjk unified ideograph-5272
    (0x1F300, 10),  // cyclone
    (0x1F301, 18),  // foggy
    (0x1F302, 24),  // closed umbrella
    (0x1F303, 39),  // night with stars
    (0x1F304, 12),  // sunrise over mountains
    (0x1F305, 36),  // sunrise
    (0x1F306, 13),  // cityscape at dusk
    (0x1F307, 50),  // sunset over buildings
    (0x1F308, 52),  // rainbow
    (0x1F309, 50),  // bridge at night
    (0x1F30A, 50),  // water wave
    (0x1F30B, 44),  // volcano
    (0x1F30C, 52),  // milky way
    (0x1F30D, 59),  // earth globe europe-africa
    (0x1F30E, 32),  // earth globe americas
    (0x1F30F, 32),  // earth globe asia-australia
    (0x1F311, 46),  // new moon symbol
    (0x1F312, 56),  // waxing crescent moon symbol
    (0x1F313, 59),  // first quarter moon symbol
    (0x1F314, 58),  // waxing gibbous moon symbol
    (0x1F315, 56),  // full moon symbol
    (0x1F316, 61),  // waning gibbous moon symbol
    (0x1F317, 61),  // last quarter moon symbol
    (0x1F318, 58),  // waning crescent moon symbol
    (0x1F319, 59),  // crescent moon
    (0x1F31A, 46),  // new moon with face
    (0x1F31B, 55),  // first quarter moon with face
    (0x1F31C, 50),  // last quarter moon with face
    (0x1F31D, 19),  // full moon with face
    (0x1F31E, 56),  // sun with face
    (0x1F31F, 33),  // glowing star
    (0x1F320, 53),  // shooting star
    (0x1F330, 54),  // chestnut
    (0x1F331, 57),  // seedling
    (0x1F332, 38),  // evergreen tree
    (0x1F333, 49),  // deciduous tree
    (0x1F334, 52),  // palm tree
    (0x1F335, 19),  // cactus
    (0x1F337, 54),  // tulip
    (0x1F338, 65),  // cherry blossom
    (0x1F339, 60),  // rose
    (0x1F33A, 55),  // hibiscus
    (0x1F33B, 57),  // sunflower
    (0x1F33C, 78),  // blossom
    (0x1F33D, 44),  // ear of maize
    (0x1F33E, 54),  // ear of rice
    (0x1F33F, 38),  // herb
    (0x1F340, 28),  // four leaf clover
    (0x1F341, 48),  // maple leaf
    (0x1F342, 55),  // fallen leaf
    (0x1F343, 38),  // leaf fluttering in wind
    (0x1F344, 0),   // mushroom
    (0x1F345, 35),  // tomato
    (0x1F346, 40),  // aubergine
    (0x1F347, 27),  // grapes
    (0x1F348, -33), // melon
    (0x1F349, 60),  // watermelon
    (0x1F34A, 42),  // tangerine
    (0x1F34B, 24),  // lemon
    (0x1F34C, 44),  // banana
    (0x1F34D, 47),  // pineapple
    (0x1F34E, 32),  // red apple
    (0x1F34F, 7),   // green apple
    (0x1F350, 16),  // pear
    (0x1F351, 25),  // peach
    (0x1F352, 31),  // cherries
    (0x1F353, 67),  // strawberry
    (0x1F354, 28),  // hamburger
    (0x1F355, 42),  // slice of pizza
    (0x1F356, 13),  // meat on bone
    (0x1F357, 6),   // poultry leg
    (0x1F358, 38),  // rice cracker
    (0x1F359, 28),  // rice ball
    (0x1F35A, 45),  // cooked rice
    (0x1F35B, 4),   // curry and rice
    (0x1F35C, 40),  // steaming bowl
    (0x1F35D, 12),  // spaghetti
    (0x1F35E, 4),   // bread
    (0x1F35F, 30),  // french fries
    (0x1F360, 0),   // roasted sweet potato
    (0x1F361, -5),  // dango
    (0x1F362, -11), // oden
    (0x1F363, -23), // sushi
    (0x1F364, 5),   // fried shrimp
    (0x1F365, -59), // fish cake with swirl design
    (0x1F366, 46),  // soft ice cream
    (0x1F367, 30),  // shaved ice
    (0x1F368, 21),  // ice cream
    (0x1F369, 38),  // doughnut
    (0x1F36A, 32),  // cookie
    (0x1F36B, 15),  // chocolate bar
    (0x1F36C, 36),  // candy
    (0x1F36D, 30),  // lollipop
    (0x1F36E, -12), // custard
    (0x1F36F, 5),   // honey pot
    (0x1F370, 45),  // shortcake
    (0x1F371, -31), // bento box
    (0x1F372, 12),  // pot of food
    (0x1F373, 3),   // cooking
    (0x1F374, 54),  // fork and knife
    (0x1F375, 36),  // teacup without handle
    (0x1F377, 39),  // wine glass
    (0x1F378, 54),  // cocktail glass
    (0x1F379, 66),  // tropical drink
    (0x1F37A, 49),  // beer mug
    (0x1F37B, 51),  // clinking beer mugs
    (0x1F37C, 45),  // baby bottle
    (0x1F380, 63),  // ribbon
    (0x1F381, 76),  // wrapped present
    (0x1F382, 61),  // birthday cake
    (0x1F383, 60),  // jack-o-lantern
    (0x1F384, 53),  // christmas tree
    (0x1F385, 32),  // father christmas
    (0x1F386, 71),  // fireworks
    (0x1F387, 68),  // firework sparkler
    (0x1F388, 72),  // balloon
    (0x1F389, 74),  // party popper
    (0x1F38A, 72),  // confetti ball
    (0x1F38B, 44),  // tanabata tree
    (0x1F38E, 91),  // japanese dolls
    (0x1F390, 18),  // wind chime
    (0x1F392, 46),  // school satchel
    (0x1F393, 56),  // graduation cap
    (0x1F3A0, 38),  // carousel horse
    (0x1F3A1, 29),  // ferris wheel
    (0x1F3A2, 47),  // roller coaster
    (0x1F3A4, 48),  // microphone
    (0x1F3A5, 29),  // movie camera
    (0x1F3A7, 41),  // headphone
    (0x1F3A8, 17),  // artist palette
    (0x1F3A9, 25),  // top hat
    (0x1F3AA, 22),  // circus tent
    (0x1F3AC, 28),  // clapper board
    (0x1F3AD, 0),   // performing arts
    (0x1F3AE, 43),  // video game
    (0x1F3B5, 50),  // musical note
    (0x1F3B6, 54),  // multiple musical notes
    (0x1F3B7, 65),  // saxophone
    (0x1F3B8, 52),  // guitar
    (0x1F3B9, 35),  // musical keyboard
    (0x1F3BA, 58),  // trumpet
    (0x1F3BB, 33),  // violin
    (0x1F3BC, 33),  // musical score
    (0x1F3BD, 42),  // running shirt with sash
    (0x1F3BE, 54),  // tennis racquet and ball
    (0x1F3BF, 38),  // ski and ski boot
    (0x1F3C0, 25),  // basketball and hoop
    (0x1F3C1, 50),  // chequered flag
    (0x1F3C2, 38),  // snowboarder
    (0x1F3C3, 41),  // runner
    (0x1F3C4, 52),  // surfer
    (0x1F3C6, 73),  // trophy
    (0x1F3C7, -10), // horse racing
    (0x1F3C8, 53),  // american football
    (0x1F3C9, 50),  // rugby football
    (0x1F3CA, 57),  // swimmer
    (0x1F3E0, 50),  // house building
    (0x1F3E1, 44),  // house with garden
    (0x1F3E2, 15),  // office building
    (0x1F3E4, 25),  // european post office
    (0x1F3E5, 25),  // hospital
    (0x1F3E7, 80),  // automated teller machine
    (0x1F3E8, 20),  // hotel
    (0x1F3E9, 42),  // love hotel
    (0x1F3EA, 7),   // convenience store
    (0x1F3EB, -23), // school
    (0x1F3EF, 11),  // japanese castle
    (0x1F3F0, 29),  // european castle
    (0x1F400, 14),  // rat
    (0x1F401, -25), // mouse
    (0x1F402, 14),  // ox
    (0x1F403, 0),   // water buffalo
    (0x1F404, 28),  // cow
    (0x1F405, 12),  // tiger
    (0x1F406, 30),  // leopard
    (0x1F407, 23),  // rabbit
    (0x1F408, 29),  // cat
    (0x1F409, 15),  // dragon
    (0x1F40A, 8),   // crocodile
    (0x1F40B, 20),  // whale
    (0x1F40C, 65),  // snail
    (0x1F40D, 35),  // snake
    (0x1F40E, 40),  // horse
    (0x1F40F, 56),  // ram
    (0x1F410, 42),  // goat
    (0x1F411, -17), // sheep
    (0x1F412, 52),  // monkey
    (0x1F413, 3),   // rooster
    (0x1F414, 30),  // chicken
    (0x1F415, 23),  // dog
    (0x1F416, 15),  // pig
    (0x1F417, 45),  // boar
    (0x1F418, 2),   // elephant
    (0x1F419, 39),  // octopus
    (0x1F41A, 23),  // spiral shell
    (0x1F41B, 27),  // bug
    (0x1F41C, 44),  // ant
    (0x1F41D, 21),  // honeybee
    (0x1F41F, 69),  // fish
    (0x1F420, 41),  // tropical fish
    (0x1F421, 22),  // blowfish
    (0x1F422, 20),  // turtle
    (0x1F423, 48),  // hatching chick
    (0x1F424, 52),  // baby chick
    (0x1F425, 59),  // front-facing baby chick
    (0x1F426, 42),  // bird
    (0x1F427, 46),  // penguin
    (0x1F428, 44),  // koala
    (0x1F429, 35),  // poodle
    (0x1F42A, 56),  // dromedary camel
    (0x1F42B, 33),  // bactrian camel
    (0x1F42C, 42),  // dolphin
    (0x1F42D, 69),  // mouse face
    (0x1F42E, 59),  // cow face
    (0x1F42F, 48),  // tiger face
    (0x1F430, 59),  // rabbit face
    (0x1F431, 51),  // cat face
    (0x1F432, -5),  // dragon face
    (0x1F433, 13),  // spouting whale
    (0x1F434, 7),   // horse face
    (0x1F435, 48),  // monkey face
    (0x1F436, 58),  // dog face
    (0x1F437, 37),  // pig face
    (0x1F438, -8),  // frog face
    (0x1F439, 29),  // hamster face
    (0x1F43A, 23),  // wolf face
    (0x1F43B, 44),  // bear face
    (0x1F43C, 26),  // panda face
    (0x1F43D, 12),  // pig nose
    (0x1F43E, 60),  // paw prints
    (0x1F440, 6),   // eyes
    (0x1F442, -14), // ear
    (0x1F444, 47),  // mouth
    (0x1F445, 46),  // tongue
    (0x1F446, 33),  // white up pointing backhand index
    (0x1F447, 25),  // white down pointing backhand index
    (0x1F448, 42),  // white left pointing backhand index
    (0x1F449, 39),  // white right pointing backhand index
    (0x1F44A, 23),  // fisted hand sign
    (0x1F44B, 41),  // waving hand sign
    (0x1F44C, 56),  // ok hand sign
    (0x1F44D, 52),  // thumbs up sign
    (0x1F44E, -19), // thumbs down sign
    (0x1F44F, 52),  // clapping hands sign
    (0x1F450, -2),  // open hands sign
    (0x1F451, 69),  // crown
    (0x1F452, 20),  // womans hat
    (0x1F453, 30),  // eyeglasses
    (0x1F454, 33),  // necktie
    (0x1F455, 40),  // t-shirt
    (0x1F456, 33),  // jeans
    (0x1F457, 24),  // dress
    (0x1F459, 50),  // bikini
    (0x1F45A, 57),  // womans clothes
    (0x1F45B, 36),  // purse
    (0x1F45C, 24),  // handbag
    (0x1F45D, 33),  // pouch
    (0x1F45E, 43),  // mans shoe
    (0x1F45F, 42),  // athletic shoe
    (0x1F460, 36),  // high-heeled shoe
    (0x1F461, 38),  // womans sandal
    (0x1F462, 50),  // womans boots
    (0x1F463, 34),  // footprints
    (0x1F464, 50),  // bust in silhouette
    (0x1F465, 22),  // busts in silhouette
    (0x1F466, 13),  // boy
    (0x1F467, 14),  // girl
    (0x1F468, 52),  // man
    (0x1F469, 7),   // woman
    (0x1F46A, -2),  // family
    (0x1F46B, 26),  // man and woman holding hands
    (0x1F46C, -6),  // two men holding hands
    (0x1F46D, 46),  // two women holding hands
    (0x1F46E, -35), // police officer
    (0x1F46F, 44),  // woman with bunny ears
    (0x1F470, 49),  // bride with veil
    (0x1F471, 10),  // person with blond hair
    (0x1F473, 62),  // man with turban
    (0x1F474, 23),  // older man
    (0x1F475, 42),  // older woman
    (0x1F476, 43),  // baby
    (0x1F477, 22),  // construction worker
    (0x1F478, 61),  // princess
    (0x1F479, 6),   // japanese ogre
    (0x1F47A, -18), // japanese goblin
    (0x1F47B, 23),  // ghost
    (0x1F47C, 33),  // baby angel
    (0x1F47D, 32),  // extraterrestrial alien
    (0x1F47E, 36),  // alien monster
    (0x1F47F, -53), // imp
    (0x1F480, -21), // skull
    (0x1F481, 33),  // information desk person
    (0x1F482, -15), // guardsman
    (0x1F483, 73),  // dancer
    (0x1F484, 43),  // lipstick
    (0x1F485, 39),  // nail polish
    (0x1F486, 22),  // face massage
    (0x1F487, 33),  // haircut
    (0x1F489, 36),  // syringe
    (0x1F48A, 43),  // pill
    (0x1F48B, 69),  // kiss mark
    (0x1F48C, 50),  // love letter
    (0x1F48D, 48),  // ring
    (0x1F48E, 56),  // gem stone
    (0x1F48F, 39),  // kiss
    (0x1F490, 73),  // bouquet
    (0x1F491, 66),  // couple with heart
    (0x1F492, 50),  // wedding
    (0x1F493, 66),  // beating heart
    (0x1F494, -12), // broken heart
    (0x1F495, 63),  // two hearts
    (0x1F496, 71),  // sparkling heart
    (0x1F497, 66),  // growing heart
    (0x1F498, 68),  // heart with arrow
    (0x1F499, 73),  // blue heart
    (0x1F49A, 66),  // green heart
    (0x1F49B, 71),  // yellow heart
    (0x1F49C, 65),  // purple heart
    (0x1F49D, 64),  // heart with ribbon
    (0x1F49E, 74),  // revolving hearts
    (0x1F49F, 68),  // heart decoration
    (0x1F4A1, 60),  // electric light bulb
    (0x1F4A2, 23),  // anger symbol
    (0x1F4A3, 1),   // bomb
    (0x1F4A4, 37),  // sleeping symbol
    (0x1F4A5, 15),  // collision symbol
    (0x1F4A6, 47),  // splashing sweat symbol
    (0x1F4A7, -16), // droplet
    (0x1F4A8, 38),  // dash symbol
    (0x1F4A9, -12), // pile of poo
    (0x1F4AA, 55),  // flexed biceps
    (0x1F4AB, 50),  // dizzy symbol
    (0x1F4AC, 36),  // speech balloon
    (0x1F4AD, 21),  // thought balloon
    (0x1F4AF, 12),  // hundred points symbol
    (0x1F4B0, 25),  // money bag
    (0x1F4B2, 24),  // heavy dollar sign
    (0x1F4B3, 40),  // credit card
    (0x1F4B4, -18), // banknote with yen sign
    (0x1F4B5, 38),  // banknote with dollar sign
    (0x1F4B6, 0),   // banknote with euro sign
    (0x1F4B7, 40),  // banknote with pound sign
    (0x1F4B8, 16),  // money with wings
    (0x1F4BA, 20),  // seat
    (0x1F4BB, 25),  // personal computer
    (0x1F4BC, 53),  // briefcase
    (0x1F4BF, 61),  // optical disc
    (0x1F4C0, 9),   // dvd
    (0x1F4C3, 40),  // page with curl
    (0x1F4C4, 67),  // page facing up
    (0x1F4C5, 17),  // calendar
    (0x1F4CC, -40), // pushpin
    (0x1F4CD, 11),  // round pushpin
    (0x1F4D2, 4),   // ledger
    (0x1F4D3, 18),  // notebook
    (0x1F4D5, 18),  // closed book
    (0x1F4D6, 17),  // open book
    (0x1F4D7, 12),  // green book
    (0x1F4DA, 34),  // books
    (0x1F4DD, 23),  // memo
    (0x1F4DE, 40),  // telephone receiver
    (0x1F4E1, 22),  // satellite antenna
    (0x1F4E2, 42),  // public address loudspeaker
    (0x1F4E3, 36),  // cheering megaphone
    (0x1F4E5, 0),   // inbox tray
    (0x1F4EF, -12), // postal horn
    (0x1F4F0, 25),  // newspaper
    (0x1F4F1, 31),  // mobile phone
    (0x1F4F2, 24),  // mobile phone with rightwards arrow at left
    (0x1F4F4, 62),  // mobile phone off
    (0x1F4F5, 11),  // no mobile phones
    (0x1F4F6, 25),  // antenna with bars
    (0x1F4F7, 43),  // camera
    (0x1F4F9, 43),  // video camera
    (0x1F4FA, 38),  // television
    (0x1F4FB, 31),  // radio
    (0x1F504, 0),   // anticlockwise downwards and upwards open circle arrows
    (0x1F505, 83),  // low brightness symbol
    (0x1F506, 55),  // high brightness symbol
    (0x1F508, 22),  // speaker
    (0x1F50A, 40),  // speaker with three sound waves
    (0x1F50B, -49), // battery
    (0x1F50C, -9),  // electric plug
    (0x1F510, 33),  // closed lock with key
    (0x1F512, 18),  // lock
    (0x1F513, 8),   // open lock
    (0x1F514, 77),  // bell
    (0x1F519, 19),  // back with leftwards arrow above
    (0x1F51A, 33),  // end with leftwards arrow above
    (0x1F51B, 40),  // on with exclamation mark with left right arrow above
    (0x1F51C, 27),  // soon with rightwards arrow above
    (0x1F51D, 47),  // top with upwards arrow above
    (0x1F51E, -4),  // no one under eighteen symbol
    (0x1F525, 14),  // fire
    (0x1F526, 0),   // electric torch
    (0x1F527, -38), // wrench
    (0x1F528, -11), // hammer
    (0x1F529, 12),  // nut and bolt
    (0x1F52A, 7),   // hocho
    (0x1F52B, -19), // pistol
    (0x1F52D, 33),  // telescope
    (0x1F52E, 27),  // crystal ball
    (0x1F531, 7),   // trident emblem
    (0x1F534, 40),  // large red circle
    (0x1F535, 31),  // large blue circle
    (0x1F536, 25),  // large orange diamond
    (0x1F537, 17),  // large blue diamond
    (0x1F538, 20),  // small orange diamond
    (0x1F539, 13),  // small blue diamond
    (0x1F5FB, 57),  // mount fuji
    (0x1F5FC, 52),  // tokyo tower
    (0x1F5FD, 32),  // statue of liberty
    (0x1F5FE, 25),  // silhouette of japan
    (0x1F5FF, 44),  // moyai
    (0x1F600, 57),  // grinning face
    (0x1F601, 45),  // grinning face with smiling eyes
    (0x1F602, 22),  // face with tears of joy
    (0x1F603, 56),  // smiling face with open mouth
    (0x1F604, 42),  // smiling face with open mouth and smiling eyes
    (0x1F605, 18),  // smiling face with open mouth and cold sweat
    (0x1F606, 41),  // smiling face with open mouth and tightly-closed eyes
    (0x1F607, 59),  // smiling face with halo
    (0x1F608, 27),  // smiling face with horns
    (0x1F609, 46),  // winking face
    (0x1F60A, 64),  // smiling face with smiling eyes
    (0x1F60B, 63),  // face savouring delicious food
    (0x1F60C, 48),  // relieved face
    (0x1F60D, 68),  // smiling face with heart-shaped eyes
    (0x1F60E, 49),  // smiling face with sunglasses
    (0x1F60F, 33),  // smirking face
    (0x1F610, -39), // neutral face
    (0x1F611, -31), // expressionless face
    (0x1F612, -37), // unamused face
    (0x1F613, -8),  // face with cold sweat
    (0x1F614, -15), // pensive face
    (0x1F615, -40), // confused face
    (0x1F616, -15), // confounded face
    (0x1F617, 61),  // kissing face
    (0x1F618, 70),  // face throwing a kiss
    (0x1F619, 78),  // kissing face with smiling eyes
    (0x1F61A, 71),  // kissing face with closed eyes
    (0x1F61B, 60),  // face with stuck-out tongue
    (0x1F61C, 45),  // face with stuck-out tongue and winking eye
    (0x1F61D, 42),  // face with stuck-out tongue and tightly-closed eyes
    (0x1F61E, -12), // disappointed face
    (0x1F61F, 7),   // worried face
    (0x1F620, -30), // angry face
    (0x1F621, -17), // pouting face
    (0x1F622, 1),   // crying face
    (0x1F623, -21), // persevering face
    (0x1F624, -21), // face with look of triumph
    (0x1F625, 12),  // disappointed but relieved face
    (0x1F626, -37), // frowning face with open mouth
    (0x1F627, -6),  // anguished face
    (0x1F628, -14), // fearful face
    (0x1F629, -37), // weary face
    (0x1F62A, -8),  // sleepy face
    (0x1F62B, -14), // tired face
    (0x1F62C, 19),  // grimacing face
    (0x1F62D, -9),  // loudly crying face
    (0x1F62E, 27),  // face with open mouth
    (0x1F62F, 12),  // hushed face
    (0x1F630, -2),  // face with open mouth and cold sweat
    (0x1F631, 19),  // face screaming in fear
    (0x1F632, -7),  // astonished face
    (0x1F633, 2),   // flushed face
    (0x1F634, -8),  // sleeping face
    (0x1F635, 8),   // dizzy face
    (0x1F636, -14), // face without mouth
    (0x1F637, -17), // face with medical mask
    (0x1F638, 41),  // grinning cat face with smiling eyes
    (0x1F639, 14),  // cat face with tears of joy
    (0x1F63A, 40),  // smiling cat face with open mouth
    (0x1F63B, 62),  // smiling cat face with heart-shaped eyes
    (0x1F63C, 35),  // cat face with wry smile
    (0x1F63D, 57),  // kissing cat face with closed eyes
    (0x1F63E, -33), // pouting cat face
    (0x1F63F, -37), // crying cat face
    (0x1F640, 33),  // weary cat face
    (0x1F645, -20), // face with no good gesture
    (0x1F646, 50),  // face with ok gesture
    (0x1F647, 14),  // person bowing deeply
    (0x1F648, 43),  // see-no-evil monkey
    (0x1F649, 33),  // hear-no-evil monkey
    (0x1F64A, 46),  // speak-no-evil monkey
    (0x1F64B, 49),  // happy person raising one hand
    (0x1F64C, 56),  // person raising both hands in celebration
    (0x1F64D, -33), // person frowning
    (0x1F64E, -5),  // person with pouting face
    (0x1F64F, 42),  // person with folded hands
    (0x1F680, 49),  // rocket
    (0x1F681, 12),  // helicopter
    (0x1F682, 25),  // steam locomotive
    (0x1F684, 50),  // high-speed train
    (0x1F68B, 7),   // tram car
    (0x1F68C, 19),  // bus
    (0x1F68D, 7),   // oncoming bus
    (0x1F690, 56),  // minibus
    (0x1F691, 7),   // ambulance
    (0x1F693, 27),  // police car
    (0x1F694, 0),   // oncoming police car
    (0x1F695, 0),   // taxi
    (0x1F696, -8),  // oncoming taxi
    (0x1F697, 23),  // automobile
    (0x1F698, 7),   // oncoming automobile
    (0x1F699, 4),   // recreational vehicle
    (0x1F69A, -8),  // delivery truck
    (0x1F69B, -18), // articulated lorry
    (0x1F69C, 70),  // tractor
    (0x1F6A2, 23),  // ship
    (0x1F6A3, 57),  // rowboat
    (0x1F6A4, 33),  // speedboat
    (0x1F6A5, 0),   // horizontal traffic light
    (0x1F6A6, 8),   // vertical traffic light
    (0x1F6A8, 64),  // police cars revolving light
    (0x1F6A9, -20), // triangular flag on post
    (0x1F6AB, -44), // no entry sign
    (0x1F6AC, 52),  // smoking symbol
    (0x1F6B2, 38),  // bicycle
    (0x1F6B3, 67),  // no bicycles
    (0x1F6B4, 66),  // bicyclist
    (0x1F6B5, 35),  // mountain bicyclist
    (0x1F6B6, -14), // pedestrian
    (0x1F6B9, 69),  // mens symbol
    (0x1F6BA, 17),  // womens symbol
    (0x1F6BC, 56),  // baby symbol
    (0x1F6BF, 60),  // shower
    (0x1F6C0, 12),  // bath
];

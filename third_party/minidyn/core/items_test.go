package core

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/stretchr/testify/require"
	"github.com/truora/minidyn/types"
)

// Items hands out stored items to be read without the table's lock, so an
// Update must store a changed copy, never change the stored item.
func TestItemsAreNotChangedByLaterWrites(t *testing.T) {
	c := require.New(t)

	table, err := createPokemonTable()
	c.NoError(err)

	for _, p := range []pokemon{{ID: "003", Type: "grass", Name: "Venusaur"}, {ID: "001", Type: "grass", Name: "Bulbasaur"}, {ID: "002", Type: "grass", Name: "Ivysaur"}} {
		_, err := table.Put(&types.PutItemInput{Item: createPokemon(p), TableName: &table.Name})
		c.NoError(err)
	}

	items := table.Items()
	c.Len(items, 3)
	slices.SortFunc(items, byID)

	_, err = table.Update(&types.UpdateItemInput{
		TableName:                 &table.Name,
		Key:                       map[string]*types.Item{"id": {S: aws.String("001")}, "name": {S: aws.String("Bulbasaur")}},
		UpdateExpression:          "SET #l = :l REMOVE #t",
		ExpressionAttributeNames:  map[string]string{"#l": "lvl", "#t": "type"},
		ExpressionAttributeValues: map[string]*types.Item{":l": {N: aws.String("16")}},
	})
	c.NoError(err)

	_, err = table.Delete(&types.DeleteItemInput{TableName: &table.Name, Key: map[string]*types.Item{"id": {S: aws.String("002")}, "name": {S: aws.String("Ivysaur")}}})
	c.NoError(err)

	// The list taken before is as the table was then.
	c.Equal("grass", types.StringValue(items[0]["type"].S))
	c.NotContains(items[0], "lvl")
	c.Equal("Ivysaur", types.StringValue(items[1]["name"].S))

	// The table has the update and the delete.
	now := table.Items()
	c.Len(now, 2)
	slices.SortFunc(now, byID)
	c.Equal("16", types.StringValue(now[0]["lvl"].N))
	c.NotContains(now[0], "type")
	c.Equal("003", types.StringValue(now[1]["id"].S))
}

func byID(a, b map[string]*types.Item) int {
	return strings.Compare(types.StringValue(a["id"].S), types.StringValue(b["id"].S))
}

// A failed update (the expression fails half-way, or leaves an item
// DynamoDB would refuse) leaves the stored item as it was.
func TestFailedUpdateLeavesStoredItem(t *testing.T) {
	c := require.New(t)

	table, err := createPokemonTable()
	c.NoError(err)

	_, err = table.Put(&types.PutItemInput{Item: createPokemon(pokemon{ID: "001", Type: "grass", Name: "Bulbasaur"}), TableName: &table.Name})
	c.NoError(err)

	before := table.Items()[0]

	_, err = table.Update(&types.UpdateItemInput{
		TableName:                 &table.Name,
		Key:                       map[string]*types.Item{"id": {S: aws.String("001")}, "name": {S: aws.String("Bulbasaur")}},
		UpdateExpression:          "SET #l = :l, #t = #t + :one",
		ExpressionAttributeNames:  map[string]string{"#l": "lvl", "#t": "type"},
		ExpressionAttributeValues: map[string]*types.Item{":l": {N: aws.String("16")}, ":one": {N: aws.String("1")}},
	})
	c.Error(err)
	c.NotContains(err.Error(), "number of conditions on the keys")

	after := table.Items()[0]
	c.Same(before["type"], after["type"], "the stored item is the one from before")
	c.NotContains(after, "lvl")
	c.Equal("grass", types.StringValue(after["type"].S))

	// an update too large for DynamoDB is refused after the interpreter ran
	big := make([]byte, 401*1024)
	for i := range big {
		big[i] = 'x'
	}

	_, err = table.Update(&types.UpdateItemInput{
		TableName:                 &table.Name,
		Key:                       map[string]*types.Item{"id": {S: aws.String("001")}, "name": {S: aws.String("Bulbasaur")}},
		UpdateExpression:          "SET #l = :big",
		ExpressionAttributeNames:  map[string]string{"#l": "notes"},
		ExpressionAttributeValues: map[string]*types.Item{":big": {S: aws.String(string(big))}},
	})
	c.ErrorContains(err, "Item size to update has exceeded")
	c.NotContains(table.Items()[0], "notes")
}

// Update works on a deep copy of the stored item: empty lists and maps
// (which DynamoDB stores) must stay typed in it.
func TestUpdateKeepsEmptyListsAndMaps(t *testing.T) {
	c := require.New(t)

	table, err := createPokemonTable()
	c.NoError(err)

	item := createPokemon(pokemon{ID: "001", Type: "grass", Name: "Bulbasaur"})
	item["moves"] = &types.Item{L: []*types.Item{}}
	item["stats"] = &types.Item{M: map[string]*types.Item{}}
	_, err = table.Put(&types.PutItemInput{Item: item, TableName: &table.Name})
	c.NoError(err)

	_, err = table.Update(&types.UpdateItemInput{
		TableName:                 &table.Name,
		Key:                       map[string]*types.Item{"id": {S: aws.String("001")}, "name": {S: aws.String("Bulbasaur")}},
		UpdateExpression:          "SET lvl = :l",
		ExpressionAttributeValues: map[string]*types.Item{":l": {N: aws.String("16")}},
	})
	c.NoError(err)

	stored := table.Items()[0]
	c.NotNil(stored["moves"].L)
	c.Empty(stored["moves"].L)
	c.NotNil(stored["stats"].M)
	c.Empty(stored["stats"].M)
}
